/** Python snippets around what CPython's compile() accepts and refuses (python-snippets.mjs). */
export declare const SNIPPETS: string[];
