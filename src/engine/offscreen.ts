// Offscreen document: fetches and decodes images, hosts the model worker.
console.debug('[glimpse] offscreen document');
