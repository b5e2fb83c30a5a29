import type { PartitionChanges, PartitionFormValues } from '../../form/partition-form';
import type { DocumentForm } from '../../form/useDocumentForm';

/** The partition form as its field groups see it. */
export type PartitionFormApi = DocumentForm<PartitionFormValues, PartitionChanges>;
