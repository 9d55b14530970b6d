// The fixture server is shared with the audit CLI and the benchmarks.
export { serveStatic, type StaticServer } from '../../scripts/lib/static-server';
