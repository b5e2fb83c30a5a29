/** The inspection room: what is on an image, as a region tree (see docs/inspect.md). */
export { inspectFile, InspectCancelled, type InspectOptions } from './inspect';
export { inspectionJson, inspectionJsonText, inspectionListing } from './output';
export { REGION_TYPES, type Inspection, type InspectWarning, type Region, type RegionType } from './region';
