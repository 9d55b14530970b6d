// Offscreen document (engine): fetches and decodes images, hosts the model worker.
import './engine-messages';
