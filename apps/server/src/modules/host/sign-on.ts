import { buildField60, buildField62, parseField60 } from '@posops/iso8583';
import { recordHeartbeats, terminalForHost } from '../terminals';
import { answerTo, localTimeFields } from './answers';
import { type HostContext, type Inbound, midOf, type Outbound, tidOf } from './host-context';

const SIGN_ON = '004';

type Unit = NonNullable<Awaited<ReturnType<typeof terminalForHost>>> & { tid: string; tmkSealed: string };
type Admission = { refused: '30' | '97' | '03'; reason: string } | { unit: Unit };

/** The unit a TID names, if it may talk to the host: bound, keyed, installed or active, MID matching. */
export async function admittedTerminal(host: HostContext, inbound: Inbound): Promise<Admission> {
  const tid = tidOf(inbound.message);
  const mid = midOf(inbound.message);
  if (!tid || !/^\d{8}$/.test(tid) || !mid) return { refused: '30', reason: 'no TID or MID' };
  const unit = await terminalForHost(host.deps.db, tid);
  if (!unit?.tmk_sealed || !unit.bound_mid || !['installed', 'active'].includes(unit.status)) {
    return {
      refused: '97' as const,
      reason: unit ? `terminal ${unit.status}, not in service` : 'unknown TID',
    };
  }
  if (unit.bound_mid !== mid) return { refused: '03', reason: `MID ${mid} is not the terminal's` };
  return { unit: { ...unit, tid, tmkSealed: unit.tmk_sealed } };
}

/**
 * 签到 (0800, 60.3 = 004): fresh PIK and MAK under the terminal's TMK in field 62 with their check
 * values, the current batch in 60.2. The first sign-on of an installed unit activates it.
 */
export async function signOn(host: HostContext, inbound: Inbound): Promise<Outbound> {
  const request = inbound.message;
  const details = typeof request.fields[60] === 'string' ? parseField60(request.fields[60]) : null;
  if (!details || details.network !== SIGN_ON) {
    return { answer: answerTo(request, '30'), reason: 'field 60 is not a sign-on (00 + batch + 004)' };
  }
  const admitted = await admittedTerminal(host, inbound);
  if ('refused' in admitted) return { answer: answerTo(request, admitted.refused), reason: admitted.reason };
  const { unit } = admitted;
  const keys = host.security.issueSessionKeys(unit.tmkSealed);
  const session = await host.sessions.signOn(
    { id: unit.id, tid: unit.tid, orgId: unit.org_id },
    keys,
    inbound.receivedAt,
    inbound.remoteAddress,
  );
  // Being heard from: last seen, and activation of a unit just installed.
  await recordHeartbeats(host.deps, [{ tid: unit.tid, at: inbound.receivedAt }]);
  return {
    answer: answerTo(request, '00', {
      ...localTimeFields(inbound.receivedAt, host.deps.config.TZ_BUSINESS),
      32: host.deps.config.ACQUIRER_CODE,
      60: buildField60({
        typeCode: details.typeCode,
        batch: String(session.batchNo).padStart(6, '0'),
        network: SIGN_ON,
      }),
      62: buildField62({
        pik: keys.pikUnderTmk,
        pikCheck: Buffer.from(keys.pikCheckValue, 'hex'),
        mak: keys.makUnderTmk,
        makCheck: Buffer.from(keys.makCheckValue, 'hex'),
      }),
    }),
    reason: `signed on, batch ${session.batchNo}`,
  };
}
