/**
 * Feature: the popup and options pages ask how the engine is doing, and can
 * empty the caption cache. Asking for the status does not start the engine.
 */
import type { EngineStatus } from '../shared/messages';
import { listen } from './listen';
import { engineRunning, sendToEngine } from '#engine-adapter';
import { isExtensionPage } from './sender';

const NOT_STARTED: EngineStatus = { state: 'idle', backend: null, threads: 0, crossOriginIsolated: false, model: null, error: null, missing: [] };

listen('ui:engine-status', isExtensionPage, async () => ((await engineRunning()) ? sendToEngine('engine:status', {}) : NOT_STARTED));

listen('ui:clear-cache', isExtensionPage, () => sendToEngine('engine:clear-cache', {}));
