/**
 * Concept evidence for photos: COCO objects from YOLOX-Nano
 * (onnxruntime-web) and what is built on them. Pure: Node and worker.
 *
 * @example
 *   import { createObjectDetector } from '../captioner/concepts';
 *   const detector = await createObjectDetector(source);
 *   const people = (await detector.detect(rgba)).filter((d) => d.label === 'person' && d.score > 0.5);
 */
export { COCO_CLASSES, createObjectDetector, DETECTOR_DEFAULTS, MIN_DETECT_SIDE } from './object-detector';
export { DetectorInputError, ModelError, type DetectorInputErrorCode } from './errors';
export type * from './types';
export { conceptFeatures, type ConceptFeatures, type ConceptInputs, type ConceptTables, type DetectionLike } from './concept-features';
export { checkConceptModel, conceptProbability, findConcepts, type ConceptEntry, type ConceptModel, type CountRule } from './concept-model';
export { checkCaption, namedConcepts, termIndex, type TermIndex } from './caption-check';
export { conceptGroups, conceptTables, conceptTerms } from './concept-tables';
export { detectObjects, judgeConcepts, type ConceptParts, type ObjectsSeen } from './describe-concepts';
export { sceneColours, type SceneColours } from './scene-colours';
