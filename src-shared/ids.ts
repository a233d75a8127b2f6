import { customAlphabet } from 'nanoid';

/**
 * Ids the host hands out (sessions, devices, questions): unguessable (16 of 62 characters, 95 bits) and
 * letters and digits only, so an id never starts with "-" (read as an option by a command line, or as a
 * formula by a spreadsheet once CSV neutralising prefixed it) and selects with one double-click.
 */
export const newId: () => string = customAlphabet('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 16);

/** Join codes are read off a projector and typed on phones: no 0/O, 1/I/L. */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
export const newJoinCode: () => string = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

export const ID_REGEX = /^[A-Za-z0-9_-]{6,40}$/;
export const JOIN_CODE_REGEX = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);

export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}
