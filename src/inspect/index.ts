/** The inspection room: what is on an image, as a region tree (see docs/inspect.md). */
export { inspectFile, InspectCancelled } from './inspect';
export { inspectionJsonText, inspectionListing } from './output';
export type { Inspection, InspectWarning, Region } from './region';
