// Service worker entry: routes messages between content scripts, the UI and the engine.
console.debug('[glimpse] service worker started');
