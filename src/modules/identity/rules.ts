import type { IdentityLevel } from '../../db/schema.ts';

/** A started verification must come back within this time; its state works once. */
export const VERIFICATION_REQUEST_TTL_MS = 10 * 60 * 1000;

/** What a check with the My Number Card's user certificate (利用者証明用電子証明書) proves. */
export const MY_NUMBER_CARD_LEVEL: IdentityLevel = 'my_number_card';

/**
 * Scopes asked of the provider. Only the address is used (for the municipality of residence); name and
 * birthdate are part of the provider's identity set and are read by nobody and stored nowhere.
 */
export const VERIFICATION_SCOPES = 'openid name address birthdate';

/** The `address` claim (OIDC Core 5.1.1); only these members are read. */
export interface AddressClaim {
  formatted?: unknown;
  region?: unknown;
  locality?: unknown;
}

export interface DirectoryMunicipality {
  code: string;
  prefectureName: string;
  /** As in the directory: 気仙沼市, 南三陸町, 千代田区 (wards of designated cities are not listed). */
  name: string;
}

const POSTAL_CODE = /^〒?\d{3}-?\d{4}/;
const COUNTRY = /^日本国?/;
// A district (郡) before a town or village: 本吉郡南三陸町, 西村山郡河北町. Tried only when the name alone
// does not match, so a city with 郡 in its name (郡山市, 大和郡山市) is found first.
const DISTRICT = /^.{1,6}?郡/;

function clean(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(POSTAL_CODE, '')
    .replace(COUNTRY, '');
}

/** The one entry whose name is the longest prefix of `text`; none when absent or ambiguous. */
function longestPrefix<T>(text: string, entries: T[], nameOf: (entry: T) => string): T | undefined {
  let best: T[] = [];
  let bestLength = 0;
  for (const entry of entries) {
    const name = nameOf(entry);
    if (!text.startsWith(name) || name.length < bestLength) continue;
    if (name.length > bestLength) best = [];
    best.push(entry);
    bestLength = name.length;
  }
  return best.length === 1 ? best[0] : undefined;
}

function municipalityIn(text: string, directory: DirectoryMunicipality[]): string | null {
  const prefectures = [...new Set(directory.map((m) => m.prefectureName))];
  const prefecture = longestPrefix(text, prefectures, (p) => p);
  if (!prefecture) return null;
  const rest = text.slice(prefecture.length);
  const inPrefecture = directory.filter((m) => m.prefectureName === prefecture);
  const found =
    longestPrefix(rest, inPrefecture, (m) => m.name) ??
    longestPrefix(rest.replace(DISTRICT, ''), inPrefecture, (m) => m.name);
  return found?.code ?? null;
}

/**
 * The municipality of residence from a verified address: 「宮城県気仙沼市八日町1-1-1」 → 042056.
 *
 * A ward of a designated city (仙台市青葉区) gives the city (041009): the city is the local government that
 * keeps the resident register (住民基本台帳) and the one that takes part in the furusato registration, so
 * "premium is not open in one's own municipality" compares cities. Tokyo's special wards are local
 * governments themselves and give their own code (千代田区 → 131016).
 *
 * The structured members (region + locality) are read first, then `formatted`. Anything unclear, such as
 * a name the directory does not know or a prefix two municipalities share, gives null rather than a guess.
 */
export function municipalityFromAddress(
  address: AddressClaim | undefined,
  directory: DirectoryMunicipality[],
): string | null {
  if (!address || typeof address !== 'object') return null;
  const candidates: string[] = [];
  if (typeof address.region === 'string' && typeof address.locality === 'string') {
    candidates.push(address.region + address.locality);
  }
  if (typeof address.formatted === 'string') candidates.push(address.formatted);
  for (const candidate of candidates) {
    const code = municipalityIn(clean(candidate.slice(0, 500)), directory);
    if (code) return code;
  }
  return null;
}
