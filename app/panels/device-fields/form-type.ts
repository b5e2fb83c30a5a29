import type { LayoutDocument } from '../../../src/index';
import type { DeviceFormValues } from '../../form/device-form';
import type { DocumentForm } from '../../form/useDocumentForm';

/** The device form as its field groups see it. */
export type DeviceFormApi = DocumentForm<DeviceFormValues, LayoutDocument>;
