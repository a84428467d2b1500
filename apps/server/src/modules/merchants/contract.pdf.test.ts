import { AppError } from '@posops/kernel';
import { describe, expect, it } from 'vitest';
import { cjkFonts, type FontFace, fontRuns, missingCharacters } from './contract.fonts';
import { type ContractPdfInput, renderContractPdf } from './contract.pdf';

const face = (source: string, covers: (cp: number) => boolean): FontFace => ({
  source,
  path: '/nonexistent.ttf',
  covers,
});
const latin = face('latin', (cp) => cp < 0x250);
const han = face('han', (cp) => cp >= 0x4e00 && cp <= 0x9fff);

const input = (name: string): ContractPdfInput => ({
  contractNo: 'HT20260105000001',
  generatedAt: new Date('2026-01-05T02:30:00Z'),
  timeZone: 'Asia/Shanghai',
  acquirer: { name: '示范银行总行', branchName: '上海浦东支行' },
  merchant: {
    registeredName: name,
    shortName: null,
    creditCode: '91310115MA1H7XXXXX',
    legalRep: { name: '陈喆', idTypeName: '居民身份证', idNumberMasked: '3101**********1234' },
    address: '上海市浦东新区世纪大道100号',
    mcc: { code: '5411', name: '大型仓储式超级市场', category: '民生类' },
    contact: null,
  },
  settlement: {
    accountType: 'corporate',
    bankName: '交通银行',
    branchName: '上海浦东分行',
    holderName: name,
    accountNoMasked: '3100***********5678',
  },
  rates: {
    ratePlanId: '00000000-0000-4000-8000-000000000000',
    code: 'ESSENTIALS',
    name: '民生类优惠费率',
    nameEn: 'Essentials (discounted)',
    mccCategory: '民生类',
    debitRatePpm: 3800,
    debitCapMinor: '2000',
    creditRatePpm: 5000,
    qrRatePpm: 3000,
    currency: 'CNY',
  },
  terms: { settlementCycle: 'D+1', termYears: 3, autoRenew: true, depositMinor: '1000000' },
  effectiveDate: '2026-01-06',
});

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes) });
  const document = await task.promise;
  let text = '';
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    text += `${content.items.map((item) => ('str' in item ? item.str : '')).join('')}\n`;
  }
  await task.destroy();
  return text;
}

describe('CJK fonts for PDFs', () => {
  it('takes Noto Sans SC from the npm package first, bold as well', async () => {
    const fonts = await cjkFonts();
    expect(fonts.regular[0]!.source).toMatch(/@expo-google-fonts\/noto-sans-sc.*Regular/);
    expect(fonts.bold[0]!.source).toMatch(/@expo-google-fonts\/noto-sans-sc.*Bold/);
    for (const ch of '特约商户受理协议喆堃赟昇（）：0.55%') {
      expect(fonts.regular[0]!.covers(ch.codePointAt(0)!), ch).toBe(true);
    }
  });

  it('sets each character in the first face that has it, spaces with their neighbours', () => {
    expect(fontRuns([latin, han], 'MCC 5812 餐饮 ok')).toEqual([
      { face: 0, text: 'MCC 5812 ' },
      { face: 1, text: '餐饮 ' },
      { face: 0, text: 'ok' },
    ]);
    expect(fontRuns([han, latin], '张伟 Zhang')).toEqual([
      { face: 0, text: '张伟 ' },
      { face: 1, text: 'Zhang' },
    ]);
    expect(missingCharacters([latin, han], 'ok 张伟 ㄅ\u{F0000}')).toEqual(['ㄅ', '\u{F0000}']);
  });
});

describe('the contract PDF', () => {
  it('renders the agreement with embedded fonts and the exact rates', async () => {
    const pdf = await renderContractPdf(input('上海浦东仓储超市有限公司'), await cjkFonts());
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/FontFile2');
    expect(raw.match(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-(Regular|Bold)/g)?.length).toBeGreaterThanOrEqual(2);
    // The creation date is the generation time from the clock, so the same input gives the same date.
    expect(raw).toContain('(D:20260105023000Z)');
    expect(pdf.length).toBeLessThan(300_000); // subsets, not 10 MB fonts
    const text = await pdfText(pdf);
    for (const expected of [
      '上海浦东仓储超市有限公司',
      '陈喆（居民身份证 3101**********1234）',
      '0.38%',
      '20.00 元',
      '0.50%',
      '0.30%',
      'D+1',
      '3 年',
      '10000.00 元',
      '第 1 页，共 2 页',
      '生成于 2026-01-05 10:30', // Beijing time
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('refuses, naming them, characters no font on the server can print (never empty boxes)', async () => {
    const refused = renderContractPdf(input('上海\u{F0000}超市有限公司'), await cjkFonts());
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'the contract cannot be printed: no font on this server has \u{F0000}',
    });
  });
});
