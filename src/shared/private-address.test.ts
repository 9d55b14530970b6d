import { describe, expect, it } from 'vitest';
import { askingAddress, privateAddressKind, privateAddressWords } from './private-address';

describe('privateAddressKind', () => {
  it('names loopback, private, link-local and other non-public literal addresses', () => {
    expect(privateAddressKind('http://127.0.0.1:8080/a.png')).toBe('loopback');
    expect(privateAddressKind('http://127.9.9.9/a.png')).toBe('loopback');
    expect(privateAddressKind('http://[::1]/a.png')).toBe('loopback');
    expect(privateAddressKind('http://[::ffff:127.0.0.1]/a.png')).toBe('loopback');
    expect(privateAddressKind('http://2130706433/a.png')).toBe('loopback'); // 127.0.0.1 as one number
    expect(privateAddressKind('http://0x7f.1/a.png')).toBe('loopback');
    expect(privateAddressKind('http://10.0.0.1/a.png')).toBe('private');
    expect(privateAddressKind('http://172.16.5.4/a.png')).toBe('private');
    expect(privateAddressKind('http://192.168.1.1/cam.jpg')).toBe('private');
    expect(privateAddressKind('http://169.254.169.254/latest/meta-data')).toBe('linkLocal');
    expect(privateAddressKind('http://[fe80::1]/a.png')).toBe('linkLocal');
    expect(privateAddressKind('http://[fd12:3456::1]/a.png')).toBe('uniqueLocal');
    expect(privateAddressKind('http://100.64.1.1/a.png')).toBe('carrierGradeNat');
    expect(privateAddressKind('http://0.0.0.0/a.png')).toBe('unspecified');
  });
  it('names local-only host names', () => {
    expect(privateAddressKind('http://localhost:3000/a.png')).toBe('loopback');
    expect(privateAddressKind('http://app.localhost/a.png')).toBe('loopback');
    expect(privateAddressKind('http://printer.local/a.png')).toBe('local name');
    expect(privateAddressKind('http://nas.home.arpa/a.png')).toBe('local name');
    expect(privateAddressKind('http://intranet/a.png')).toBe('local name');
    expect(privateAddressKind('http://LOCALHOST./a.png')).toBe('loopback');
  });
  it('lets public addresses and names through, and ignores non-network URLs', () => {
    expect(privateAddressKind('https://example.org/a.jpg')).toBeNull();
    expect(privateAddressKind('http://93.184.216.34/a.jpg')).toBeNull();
    expect(privateAddressKind('http://[2606:4700::1111]/a.jpg')).toBeNull();
    expect(privateAddressKind('http://localhost.example.com/a.jpg')).toBeNull();
    expect(privateAddressKind('data:image/png;base64,AAAA')).toBeNull();
    expect(privateAddressKind('not a url')).toBeNull();
  });
  it('says each kind in words', () => {
    expect(privateAddressWords('loopback')).toMatch(/this computer/);
    expect(privateAddressWords('reserved')).toBe('a non-public address');
  });
});

describe('askingAddress', () => {
  it("is the frame's origin, or for an opaque origin (a sandboxed iframe) its URL's", () => {
    expect(askingAddress('https://news.example', 'https://news.example/a')).toBe('https://news.example');
    expect(askingAddress('https://news.example', 'about:blank')).toBe('https://news.example');
    expect(askingAddress('null', 'http://192.168.1.1/frame.html')).toBe('http://192.168.1.1');
    expect(privateAddressKind(askingAddress('null', 'http://192.168.1.1/frame.html'))).toBe('private');
    expect(askingAddress(undefined, 'http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
  });

  it("stays 'null' (not private) for an opaque frame with no address of its own", () => {
    for (const url of ['about:srcdoc', 'data:text/html,x', undefined, 'not a url']) {
      expect(askingAddress('null', url)).toBe('null');
      expect(privateAddressKind(askingAddress('null', url))).toBeNull();
    }
  });
});
