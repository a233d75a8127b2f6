import { JOIN_CODE_ALPHABET } from '../../ids.js';

/**
 * Single-use paper codes (issue 9): the strict way in for meetings whose votes bind. The facilitator
 * prints slips, each with its own code; a phone needs one to join, and one code is one device.
 * This file has no dependencies so the phone's first chunk can read a code from its link.
 */

/** The same letters as join codes (no 0/O, 1/I/L): read off paper, typed on a phone. */
export const PAPER_CODE_ALPHABET = JOIN_CODE_ALPHABET;
/** 31⁸ ≈ 8.5 × 10¹¹ codes: guessing one, at the host's limit of wrong tries, takes longer than any meeting. */
export const PAPER_CODE_LENGTH = 8;
/** The query parameter of a slip's link: `/j/ABC234?paper=K7M2-9QXD`. */
export const PAPER_CODE_QUERY = 'paper';

/** Upper case, without spaces or dashes: what a typed code is compared as. */
export const normalisePaperCode = (input: string): string => input.toUpperCase().replace(/[^0-9A-Z]/g, '');

export const isPaperCodeShape = (code: string): boolean =>
  code.length === PAPER_CODE_LENGTH && [...code].every((c) => PAPER_CODE_ALPHABET.includes(c));

/** "K7M29QXD" → "K7M2-9QXD": as printed (the dash is optional when typed). */
export const displayPaperCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/** Why a join needs (another) paper code; the phone says it in its own language. */
export type PaperCodeRefusal = 'needed' | 'unknown' | 'tooManyTries';

/** The slips, as a PDF on the loopback listener (the console's link; token in the query). */
export const PAPER_CODES_FILE = 'paper-codes.pdf';
export const PAPER_CODES_PATH = `/venue/${PAPER_CODES_FILE}`;
