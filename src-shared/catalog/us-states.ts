// The jurisdictions a product can be approved in (issue 13): the 50 states and the District of
// Columbia, by USPS code. Territories (PR, GU, VI ...) file separately and are not sold here.
export const US_STATES = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois',
  IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri', MT: 'Montana',
  NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania',
  RI: 'Rhode Island', SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah',
  VT: 'Vermont', VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
} as const;

export type StateCode = keyof typeof US_STATES;

/** The 51 codes in alphabetical order of code. */
export const STATE_CODES = (Object.keys(US_STATES) as StateCode[]).sort();

export function isStateCode(value: unknown): value is StateCode {
  return typeof value === 'string' && Object.hasOwn(US_STATES, value);
}

/** "New York (NY)"; an unknown code is returned as given. */
export function stateLabel(code: string): string {
  return isStateCode(code) ? `${US_STATES[code]} (${code})` : code;
}
