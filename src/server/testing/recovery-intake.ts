/** A recovery request sent through the portal's intake, as a customer would, for the backend's tests. */
import type { RecoveryRequest } from '../../shared/entities.js';

export interface IntakeFile {
  bytes: Uint8Array;
  name: string;
  type: string;
}

/** Anna Muster's request (fixture account 1, an individual); `over` changes fields. Throws unless 201. */
export async function recoveryIntake(
  url: string,
  portalToken: string,
  file: IntakeFile,
  over: Record<string, string> = {},
): Promise<RecoveryRequest> {
  const form = new FormData();
  const fields = {
    firstName: 'Anna',
    lastName: 'Muster',
    customerNumber: 'CH-100001',
    domain: 'muster-web.ch',
    contactEmail: 'anna@muster-web.ch',
    resetEmail: 'anna@muster-web.ch',
    phone: '+41 79 000 00 00',
    street: 'Bahnhofstrasse 1',
    postalCode: '8001',
    city: 'Zürich',
    country: 'CH',
    language: 'de',
    ...over,
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('document', new Blob([file.bytes], { type: file.type }), file.name);
  const res = await fetch(`${url}/v1/intake/recovery-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${portalToken}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${await res.text()}`);
  return (await res.json()) as RecoveryRequest;
}

/** The Boulangerie Favre SA's fields (fixture account 2, an organisation). */
export const ORGANISATION_FIELDS: Record<string, string> = {
  firstName: 'Luc',
  lastName: 'Favre',
  organisationName: 'Boulangerie Favre SA',
  customerNumber: 'CH-100002',
  domain: 'boulangerie-favre.ch',
  contactEmail: 'info@boulangerie-favre.ch',
  resetEmail: 'info@boulangerie-favre.ch',
  language: 'fr',
};
