// Content script entry (every frame): scan, then the features that act on the registry.
// One line per feature; each registers itself and cleans up when `controller` aborts.
import { answerAudits, buildAudit } from './audit-report';
import { reportCounts } from './counts-report';
import { describeImagePopover } from './describe-image-popover';
import { describeMissing } from './describe-missing';
import { reportDescriptions } from './describe-report';
import { watchGlimpseState } from './glimpse-state';
import { createImageRegistry } from './image-registry';
import { labelImages } from './label-images';
import { auditorOverlay } from './overlay/overlay';
import { startScanner } from './scan/scanner';
import { speakDescriptions } from './speak-descriptions';

const controller = new AbortController();
const registry = createImageRegistry();
const scanner = startScanner(document, registry, controller.signal);
const state = watchGlimpseState(controller.signal);

answerAudits(registry, scanner, controller.signal);
reportCounts(registry, controller.signal);
auditorOverlay(registry, () => buildAudit(registry, scanner), controller.signal);
describeMissing(registry, controller.signal, state);
reportDescriptions(registry, controller.signal);
labelImages(registry, state, controller.signal);
speakDescriptions(registry, state, controller.signal);
describeImagePopover(registry, state, controller.signal);
