/// <reference lib="webworker" />
/** The Web Worker that hosts the engine for heavy work (exports, images, inspection). */
import { serve } from './serve';
import type { MessageEndpoint } from './protocol';

serve(self as unknown as MessageEndpoint);
