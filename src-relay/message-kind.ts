import * as decoding from 'lib0/decoding';

/** Hocuspocus's message type for awareness (after the document's name, the first varuint of a message). */
const AWARENESS = 1;

/** Whether a Hocuspocus message (document name, then its type) carries awareness. Malformed: false. */
export function isAwarenessMessage(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === AWARENESS;
  } catch {
    return false;
  }
}
