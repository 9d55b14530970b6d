// Content script entry (every frame): scan, label, overlay.
console.debug('[glimpse] content script in', location.href);
