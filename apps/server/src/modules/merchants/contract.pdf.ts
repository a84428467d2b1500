import { type ContractRates, type ContractTerms, formatRatePpm } from '@posops/contracts';
import { AppError, formatMinor } from '@posops/kernel';
import PDFDocument from 'pdfkit';
import { type FontChain, type FontFace, fontRuns, missingCharacters } from './contract.fonts';

/** Everything the contract prints, already masked where it must be: the renderer reads no database. */
export interface ContractPdfInput {
  contractNo: string;
  generatedAt: Date;
  /** The business time zone the footer's time is shown in (Asia/Shanghai). */
  timeZone: string;
  acquirer: { name: string; branchName: string };
  merchant: {
    registeredName: string;
    shortName: string | null;
    creditCode: string;
    legalRep: { name: string; idTypeName: string; idNumberMasked: string };
    address: string;
    mcc: { code: string; name: string; category: string };
    contact: { name: string; mobileMasked: string } | null;
  };
  settlement: {
    accountType: 'corporate' | 'personal';
    bankName: string;
    branchName: string;
    holderName: string;
    accountNoMasked: string;
  };
  rates: ContractRates;
  terms: ContractTerms;
  effectiveDate: string;
}

const MARGIN = 56;
const LABEL_WIDTH = 150;
const INK = '#1f1f1f';
const MUTED = '#595959';
const RULE = '#8c8c8c';

type Style = { size?: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right' };

/** pdfkit with a font chain: each piece of text is set in the first face that has its characters. */
class Writer {
  readonly missing = new Set<string>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly fonts: FontChain,
  ) {
    for (const [i, face] of fonts.regular.entries()) register(doc, `r${i}`, face);
    for (const [i, face] of fonts.bold.entries()) register(doc, `b${i}`, face);
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Writes text at (x, y) or at the cursor, wrapping within `width`. */
  text(
    text: string,
    style: Style = {},
    at: { x?: number; y?: number; width?: number; lineGap?: number } = {},
  ): void {
    const chain = style.bold ? this.fonts.bold : this.fonts.regular;
    const prefix = style.bold ? 'b' : 'r';
    for (const ch of missingCharacters(chain, text)) this.missing.add(ch);
    const runs = fontRuns(chain, text);
    const options = {
      width: at.width ?? this.width - ((at.x ?? this.doc.page.margins.left) - this.doc.page.margins.left),
      align: style.align ?? 'left',
      lineGap: at.lineGap ?? 2,
    };
    this.doc.fillColor(style.color ?? INK).fontSize(style.size ?? 10.5);
    runs.forEach((run, i) => {
      this.doc.font(`${prefix}${run.face}`);
      const continued = i < runs.length - 1;
      if (i === 0 && at.x !== undefined) {
        this.doc.text(run.text, at.x, at.y ?? this.doc.y, { ...options, continued });
      } else {
        this.doc.text(run.text, { ...options, continued });
      }
    });
  }

  heading(text: string): void {
    this.ensureSpace(100);
    this.doc.moveDown(0.8);
    this.text(text, { size: 12.5, bold: true });
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(0.6)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = y + 6;
  }

  /** A label and its value side by side; the cursor goes below the taller of the two. */
  field(label: string, value: string): void {
    this.ensureSpace(28);
    const y = this.doc.y;
    this.text(label, { color: MUTED, size: 9 }, { x: MARGIN, y, width: LABEL_WIDTH - 8, lineGap: 0.5 });
    const below = this.doc.y;
    this.text(value, {}, { x: MARGIN + LABEL_WIDTH, y, width: this.width - LABEL_WIDTH });
    this.doc.y = Math.max(below, this.doc.y) + 2;
    this.doc.x = MARGIN;
  }

  paragraph(text: string, style: Style = {}): void {
    this.ensureSpace(30);
    this.text(text, { size: 10, ...style }, { x: MARGIN, lineGap: 3 });
    this.doc.moveDown(0.3);
  }

  /** Starts a new page when fewer than `points` remain above the bottom margin. */
  ensureSpace(points: number): void {
    const bottom = this.doc.page.height - this.doc.page.margins.bottom;
    if (this.doc.y + points > bottom) this.doc.addPage();
  }
}

function register(doc: PDFKit.PDFDocument, name: string, face: FontFace): void {
  if (face.postscriptName) doc.registerFont(name, face.path, face.postscriptName);
  else doc.registerFont(name, face.path);
}

const cycleText = (cycle: ContractTerms['settlementCycle']) =>
  cycle === 'T+1'
    ? 'T+1：交易日后第一个工作日结算 / paid the next working day'
    : 'D+1：交易日次日结算（含节假日） / paid the next calendar day';

const yuan = (minor: bigint) => `${formatMinor(minor)} 元`;

function localTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The rate table: method, rate (exact percentage), cap per transaction. */
function rateTable(w: Writer, rates: ContractRates): void {
  const doc = w.doc;
  const columns = [
    { title: '支付方式 / Method', width: 0.4 },
    { title: '费率 / Rate', width: 0.25 },
    { title: '单笔封顶 / Cap per transaction', width: 0.35 },
  ];
  const rows: [string, string, string][] = [
    [
      '借记卡 Debit card',
      formatRatePpm(rates.debitRatePpm),
      rates.debitCapMinor === null ? '不封顶 / none' : yuan(BigInt(rates.debitCapMinor)),
    ],
    ['贷记卡 Credit card', formatRatePpm(rates.creditRatePpm), '不封顶 / none'],
    ['扫码支付 QR code', formatRatePpm(rates.qrRatePpm), '不封顶 / none'],
  ];
  const rowHeight = 22;
  w.ensureSpace(rowHeight * (rows.length + 1) + 10);
  let y = doc.y + 2;
  const drawRow = (cells: string[], header: boolean) => {
    let x = MARGIN;
    if (header) doc.rect(MARGIN, y, w.width, rowHeight).fill('#f0f0f0');
    doc.rect(MARGIN, y, w.width, rowHeight).lineWidth(0.5).strokeColor(RULE).stroke();
    cells.forEach((cell, i) => {
      const width = w.width * columns[i]!.width;
      w.text(cell, { size: 10, bold: header }, { x: x + 8, y: y + 6, width: width - 12 });
      x += width;
    });
    y += rowHeight;
  };
  drawRow(
    columns.map((c) => c.title),
    true,
  );
  for (const row of rows) drawRow(row, false);
  doc.y = y + 6;
  doc.x = MARGIN;
}

/**
 * 特约商户受理协议 as a PDF (A4, Chinese with English glosses). Fails with VALIDATION_FAILED naming the
 * characters when some text has a character no font of this machine can print.
 */
export async function renderContractPdf(input: ContractPdfInput, fonts: FontChain): Promise<Buffer> {
  const { merchant, rates, terms } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `特约商户受理协议 ${input.contractNo}`,
      Subject: 'Merchant Acquiring Agreement',
      Author: input.acquirer.name,
      Creator: 'PosOps',
      Producer: 'PosOps',
      CreationDate: input.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new Writer(doc, fonts);

  w.text('特约商户受理协议', { size: 20, bold: true, align: 'center' }, { x: MARGIN, y: MARGIN });
  w.text('Merchant Acquiring Agreement', { size: 11, color: MUTED, align: 'center' }, { x: MARGIN });
  doc.moveDown(0.6);
  w.text(`协议编号 Contract No.：${input.contractNo}`, { size: 10, align: 'right' }, { x: MARGIN });
  w.text(`生效日期 Effective date：${input.effectiveDate}`, { size: 10, align: 'right' }, { x: MARGIN });

  w.heading('一、协议双方 / Parties');
  w.field('甲方（收单机构）\nAcquirer', input.acquirer.name);
  w.field('签约机构\nContracting office', input.acquirer.branchName);
  w.field('乙方（特约商户）\nMerchant', merchant.registeredName);
  if (merchant.shortName) w.field('商户简称\nShort name', merchant.shortName);
  w.field('统一社会信用代码\nUnified social credit code', merchant.creditCode);
  w.field(
    '法定代表人\nLegal representative',
    `${merchant.legalRep.name}（${merchant.legalRep.idTypeName} ${merchant.legalRep.idNumberMasked}）`,
  );
  w.field('经营地址\nBusiness address', merchant.address);
  w.field(
    '商户类别\nMerchant category',
    `MCC ${merchant.mcc.code} ${merchant.mcc.name}（${merchant.mcc.category}）`,
  );
  if (merchant.contact)
    w.field('联系人\nContact', `${merchant.contact.name} ${merchant.contact.mobileMasked}`);

  w.heading('二、手续费率 / Merchant discount rates');
  w.paragraph(
    `费率方案 Rate plan：${rates.code} ${rates.name}（${rates.nameEn}）` +
      (rates.mccCategory ? `，适用于${rates.mccCategory}商户` : '，适用于各类商户'),
  );
  rateTable(w, rates);
  w.paragraph(
    '手续费按每笔交易金额乘以费率计算，四舍五入至分；借记卡封顶在四舍五入后适用。' +
      '甲方于结算时从交易款项中扣收手续费。',
  );
  w.paragraph(
    'The fee of each transaction is its amount times the rate, rounded half-up to the fen; the debit cap ' +
      'applies after rounding. The acquirer deducts fees from the funds it settles.',
    { color: MUTED, size: 9 },
  );

  w.heading('三、结算账户 / Settlement account');
  w.field(
    '账户类型\nAccount type',
    input.settlement.accountType === 'corporate' ? '对公账户 / Corporate' : '对私账户 / Personal',
  );
  w.field('开户银行\nBank', `${input.settlement.bankName} ${input.settlement.branchName}`);
  w.field('账户名称\nAccount holder', input.settlement.holderName);
  w.field('账号\nAccount number', input.settlement.accountNoMasked);

  w.heading('四、协议条款 / Terms');
  w.field('结算周期\nSettlement cycle', cycleText(terms.settlementCycle));
  w.field(
    '协议期限\nTerm',
    `${terms.termYears} 年，自生效日起算 / ${terms.termYears} year${terms.termYears > 1 ? 's' : ''} from the effective date`,
  );
  w.field(
    '自动续期\nAuto-renewal',
    terms.autoRenew
      ? `是：期满前三十日内任何一方未书面提出终止的，按原条件续期 ${terms.termYears} 年 / yes, unless either party gives written notice 30 days before expiry`
      : '否：期满终止 / no, the agreement ends at expiry',
  );
  w.field(
    '风险保证金\nRisk deposit',
    BigInt(terms.depositMinor) === 0n ? '无 / none' : yuan(BigInt(terms.depositMinor)),
  );
  w.field('生效日期\nEffective date', input.effectiveDate);

  w.heading('五、双方责任 / Obligations');
  const clauses = [
    '1. 乙方应遵守银行卡及条码支付受理的有关规定，以真实交易受理，不得虚构交易、套现、分单或为他人代收款项。',
    '2. 甲方按约定的结算周期将交易款项扣除手续费后划付至乙方结算账户；乙方变更结算账户应经甲方审核。',
    '3. 乙方应妥善保管受理终端，发现可疑交易或终端异常时立即通知甲方；甲方可依风险情况延迟结算或调整交易限额。',
    '4. 双方应依法保护持卡人及乙方的个人信息，不得泄露或用于本协议以外的用途。',
    '5. 因本协议发生的争议，双方协商解决；协商不成的，提交甲方所在地人民法院诉讼解决。',
  ];
  for (const clause of clauses) w.paragraph(clause);

  w.ensureSpace(170);
  w.heading('六、签署 / Signatures');
  const top = doc.y + 6;
  const half = w.width / 2;
  const block = (x: number, party: string, signer: string) => {
    const width = half - 24;
    w.text(party, { bold: true, size: 10.5 }, { x, y: top, width });
    w.text('（盖章 / seal）', { size: 9.5, color: MUTED }, { x, width });
    const line = (label: string, y: number) => {
      w.text(label, { size: 9.5, color: MUTED }, { x, y, width });
      doc
        .moveTo(x, y + 34)
        .lineTo(x + width, y + 34)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
    };
    line(signer, top + 52);
    line('日期 Date', top + 96);
  };
  block(MARGIN, `甲方 Acquirer：${input.acquirer.name}`, '授权代表签字 Authorised signatory');
  block(MARGIN + half, `乙方 Merchant：${merchant.registeredName}`, '法定代表人或授权代表签字 Signatory');
  doc.y = top + 140;

  // Footers: contract number, page i of n, when generated (business time zone).
  const range = doc.bufferedPageRange();
  const generated = localTime(input.generatedAt, input.timeZone);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    w.text(
      `协议编号 ${input.contractNo} · 第 ${i + 1} 页，共 ${range.count} 页 / page ${i + 1} of ${range.count} · 生成于 ${generated}`,
      { size: 8, color: MUTED, align: 'center' },
      { x: MARGIN, y: doc.page.height - MARGIN + 8 },
    );
    doc.page.margins.bottom = bottom;
  }

  if (w.missing.size > 0) {
    const list = [...w.missing].join(' ');
    const message = `the contract cannot be printed: no font on this server has ${list}`;
    doc.end();
    await done;
    throw new AppError('VALIDATION_FAILED', message, { contract: message });
  }
  doc.end();
  return done;
}
