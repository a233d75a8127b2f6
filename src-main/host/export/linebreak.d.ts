/** Types for `linebreak` (UAX #14 line breaking, the one pdfkit uses), which ships none. */
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 offset of the character after the break opportunity. */
    position: number;
    /** A mandatory break (a line separator character). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity, or null after the end of the text. */
    nextBreak(): Break | null;
  }
}
