/**
 * Plain scalars that YAML 1.1, which the API server's decoder follows, reads differently from
 * YAML 1.2, which kubegate and most editors follow: `yes`/`no`/`on`/`off` (and `y`/`n`) are
 * booleans there, and a leading zero makes a number octal.
 */
export const YAML11_BOOLEAN = /^(?:[yY]|[yY]es|YES|[oO]n|ON)$|^(?:[nN]|[nN]o|NO|[oO]ff|OFF)$/;
export const YAML11_TRUE = /^(?:[yY]|[yY]es|YES|[oO]n|ON)$/;
export const YAML11_OCTAL = /^[-+]?0[0-7]+$/;
export const FILE_MODE_KEY = /(?:^|[\s{,])(?:mode|defaultMode)\s*:\s*$/;
/** A cheap test over the document's text, so only documents that may hold one are read again. */
// A value follows `: ` or `- ` (a block value or item) or `[`, `{` or `,`; starting the search at
// those characters alone (not at every space) keeps this pass a small share of the parse, and
// asking for the space after `:` and `-` keeps `- -n` and `HTTP-01` from sending a document to
// the slower second reading. A block-style key at the start of a line (`yes: 1`) is not
// pre-tested; Kubernetes objects have no such keys.
export const YAML11_CANDIDATE = /(?:[:-][ \t]+|[[{,][ \t]*)(?:[yYnN]|[yY]es|YES|[nN]o|NO|[oO]n|ON|[oO]ff|OFF|[-+]?0[0-7]+)[ \t]*(?:#|$|[,\]}])/m;

/** A scalar YAML 1.1 reads differently, at offsets of its document's text. */
export interface AmbiguousScalar {
  start: number;
  end: number;
  text: string;
}
