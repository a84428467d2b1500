import { parseField59, parseField60 } from '@posops/iso8583';
import { recordHeartbeats } from '../terminals';
import { answerTo, localTimeFields } from './answers';
import type { HostContext, Inbound, Outbound } from './host-context';
import { admittedTerminal } from './sign-on';

const STATUS = '301';

/** "lat,lng" in degrees, or null. */
function position(value: string | undefined) {
  if (value === undefined) return { ok: true as const };
  const m = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(value);
  const latitude = Number(m?.[1]);
  const longitude = Number(m?.[2]);
  if (!m || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return { ok: false as const };
  return { ok: true as const, latitude, longitude };
}

/**
 * 心跳 (0820, 60.3 = 301): field 59 carries GP "lat,lng", FW firmware and SN serial number; the ledger
 * keeps them (last seen, firmware, position — relocation alerts follow from there). No sign-on needed.
 */
export async function heartbeat(host: HostContext, inbound: Inbound): Promise<Outbound> {
  const request = inbound.message;
  const details = typeof request.fields[60] === 'string' ? parseField60(request.fields[60]) : null;
  if (!details || details.network !== STATUS)
    return { answer: answerTo(request, '30'), reason: 'field 60 is not 00 + batch + 301' };
  const data =
    typeof request.fields[59] === 'string' ? parseField59(request.fields[59]) : new Map<string, string>();
  const where = position(data?.get('GP'));
  if (!data || !where.ok)
    return { answer: answerTo(request, '30'), reason: 'field 59 is not tag-length-value' };
  const admitted = await admittedTerminal(host, inbound);
  if ('refused' in admitted) return { answer: answerTo(request, admitted.refused), reason: admitted.reason };
  const serial = data.get('SN');
  if (serial !== undefined && serial !== admitted.unit.serial_no) {
    // The TID is bound to another unit: the ledger must not take this one's reports.
    return { answer: answerTo(request, '58'), reason: `serial ${serial} is not the unit bound to this TID` };
  }
  await recordHeartbeats(host.deps, [
    {
      tid: admitted.unit.tid,
      at: inbound.receivedAt,
      firmwareVersion: data.get('FW'),
      ...(where.latitude !== undefined ? { latitude: where.latitude, longitude: where.longitude } : {}),
    },
  ]);
  return {
    answer: answerTo(request, '00', localTimeFields(inbound.receivedAt, host.deps.config.TZ_BUSINESS)),
    reason: 'heard',
  };
}
