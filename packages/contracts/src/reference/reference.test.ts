import { describe, expect, it } from 'vitest';
import { DIVISIONS, divisionByCode, divisionLevel, divisionPath } from './divisions';
import { MCC_CATEGORIES, MCC_LIST, mccByCode } from './mcc';

describe('MCC list', () => {
  it('puts restaurants in 餐娱类', () => {
    expect(mccByCode('5812')).toEqual({
      code: '5812',
      zh: '就餐场所和餐馆',
      en: 'Eating places and restaurants',
      category: '餐娱类',
      riskClass: 'low',
    });
    expect(mccByCode('5813')?.category).toBe('餐娱类');
    expect(mccByCode('5814')?.category).toBe('餐娱类');
    expect(mccByCode('7011')?.category).toBe('餐娱类');
  });

  it('classes the codes acquirers price differently', () => {
    const categoryOf = (code: string) => mccByCode(code)?.category;
    expect(categoryOf('5411')).toBe('民生类'); // supermarkets
    expect(categoryOf('5541')).toBe('民生类'); // petrol
    expect(categoryOf('5542')).toBe('民生类');
    expect(categoryOf('4900')).toBe('民生类'); // utilities
    expect(categoryOf('6513')).toBe('房产汽车类'); // real estate
    expect(categoryOf('5511')).toBe('房产汽车类'); // cars
    expect(categoryOf('5045')).toBe('批发类');
    expect(categoryOf('5998')).toBe('批发类');
    expect(categoryOf('8062')).toBe('公益类'); // hospitals
    expect(categoryOf('8211')).toBe('公益类');
    expect(categoryOf('8220')).toBe('公益类');
    expect(categoryOf('8398')).toBe('公益类'); // charity
    expect(categoryOf('9399')).toBe('公益类'); // government
    expect(categoryOf('4814')).toBe('一般类'); // telecom
    expect(categoryOf('8299')).toBe('一般类'); // training
    expect(categoryOf('5311')).toBe('一般类');
    expect(categoryOf('5944')).toBe('餐娱类'); // jewellery
  });

  it('marks cash-like, gambling-adjacent and jewellery categories high risk', () => {
    for (const code of ['5944', '5094', '5933', '7995', '7994', '6010', '6011', '6051', '4829', '5971']) {
      expect(mccByCode(code)?.riskClass, code).toBe('high');
    }
    for (const code of ['5411', '5812', '4900', '8062']) expect(mccByCode(code)?.riskClass, code).toBe('low');
  });

  it('covers the codes seen at Chinese acquirers, each once, each well formed', () => {
    expect(MCC_LIST.length).toBeGreaterThanOrEqual(150);
    expect(new Set(MCC_LIST.map((m) => m.code)).size).toBe(MCC_LIST.length);
    const categories = new Set(MCC_CATEGORIES.map((c) => c.category));
    for (const mcc of MCC_LIST) {
      expect(mcc.code).toMatch(/^\d{4}$/);
      expect(mcc.zh.length).toBeGreaterThan(0);
      expect(mcc.en.length).toBeGreaterThan(0);
      expect(categories.has(mcc.category), mcc.code).toBe(true);
    }
    for (const category of categories) {
      expect(
        MCC_LIST.some((m) => m.category === category),
        category,
      ).toBe(true);
    }
    expect(MCC_LIST.map((m) => m.code)).toEqual(MCC_LIST.map((m) => m.code).sort());
  });

  it('answers undefined for unknown or malformed codes', () => {
    expect(mccByCode('0000')).toBeUndefined();
    expect(mccByCode('581')).toBeUndefined();
    expect(mccByCode(' 5812 ')?.code).toBe('5812');
    expect(mccByCode(undefined as any)).toBeUndefined();
  });
});

describe('administrative divisions', () => {
  it('resolves 110105 to 北京市 / 市辖区 / 朝阳区', () => {
    expect(divisionPath('110105')).toEqual({
      province: { code: '110000', name: '北京市' },
      city: { code: '110100', name: '市辖区' },
      district: { code: '110105', name: '朝阳区' },
      names: ['北京市', '市辖区', '朝阳区'],
    });
    expect(divisionByCode('110105')).toEqual({ code: '110105', name: '朝阳区', children: [] });
    expect(divisionLevel('110105')).toBe('district');
  });

  it('resolves provinces and cities by six-digit and short codes', () => {
    expect(divisionByCode('440000')?.name).toBe('广东省');
    expect(divisionByCode('44')?.name).toBe('广东省');
    expect(divisionByCode('440300')?.name).toBe('深圳市');
    expect(divisionByCode('4403')?.name).toBe('深圳市');
    expect(divisionLevel('440300')).toBe('city');
    expect(divisionLevel('440000')).toBe('province');
    expect(divisionPath('440305')?.names).toEqual(['广东省', '深圳市', '南山区']);
    expect(divisionPath('440300')).toMatchObject({
      city: { code: '440300', name: '深圳市' },
      district: null,
    });
    expect(divisionPath('650102')?.names).toEqual(['新疆维吾尔自治区', '乌鲁木齐市', '天山区']);
    expect(divisionPath('469002')?.names).toEqual(['海南省', '省直辖县级行政区划', '琼海市']);
  });

  it('has all 31 mainland provinces, every city with its districts, in six-digit codes', () => {
    expect(DIVISIONS).toHaveLength(31);
    let cities = 0;
    let districts = 0;
    for (const province of DIVISIONS) {
      expect(province.code).toMatch(/^\d{2}0000$/);
      for (const city of province.children) {
        cities++;
        expect(city.code).toMatch(/^\d{4}00$/);
        expect(city.code.slice(0, 2)).toBe(province.code.slice(0, 2));
        for (const district of city.children) {
          districts++;
          expect(district.code).toMatch(/^\d{6}$/);
          expect(district.code.slice(0, 4)).toBe(city.code.slice(0, 4));
          expect(district.children).toEqual([]);
        }
      }
    }
    expect(cities).toBeGreaterThan(330);
    expect(districts).toBeGreaterThan(2800);
  });

  it('gives the cities without a county level no children, not their townships', () => {
    for (const code of ['441900', '442000', '460400', '620200']) {
      expect(divisionByCode(code)?.children, code).toEqual([]);
    }
    expect(divisionPath('441900')).toMatchObject({
      province: { name: '广东省' },
      city: { name: '东莞市' },
      district: null,
    });
    expect(divisionByCode('441900003')).toBeUndefined();
  });

  it('answers undefined for unknown or malformed codes', () => {
    expect(divisionByCode('999999')).toBeUndefined();
    expect(divisionByCode('11010')).toBeUndefined();
    expect(divisionByCode('')).toBeUndefined();
    expect(divisionPath('710000')).toBeUndefined(); // Taiwan is not in the statistical division list
    expect(divisionPath(null as any)).toBeUndefined();
  });
});
