// Input repeated back in an error ("unknown column(s): ..."), kept short: a sheet whose header line
// is 3 MB of garbage must not come back as a multi-megabyte answer. Each value is cut (with an
// ellipsis) and a list shows its first few items and how many more there were.

/** The longest piece of input echoed back in an answer. */
export const MAX_ECHO = 60;
/** The most items of a list echoed back. */
export const MAX_ECHO_ITEMS = 10;

export function echo(value: string): string {
  return value.length <= MAX_ECHO ? value : `${value.slice(0, MAX_ECHO)}...`;
}

/** "a, b, c" of the first MAX_ECHO_ITEMS values, each cut, then "and N more". */
export function echoList(values: readonly string[]): string {
  const shown = values.slice(0, MAX_ECHO_ITEMS).map(echo).join(', ');
  return values.length <= MAX_ECHO_ITEMS ? shown : `${shown} and ${values.length - MAX_ECHO_ITEMS} more`;
}

/** Each name that occurs more than once, once, in order: linear, as a header may have 300,000 columns. */
export function repeatedNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) repeated.add(name);
    else seen.add(name);
  }
  return [...repeated];
}
