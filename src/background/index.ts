// Service worker entry: routes messages between content scripts, the UI and the engine.
// One import per feature; each feature registers its own listeners.
import './route-captions';
import './engine-status';
import './commands';
import './user-commands';
import './context-menu';
import './page-counts';
