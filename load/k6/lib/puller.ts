// The credentials handshake of a pulling partner, as a real eMSP runs it: the operator invites it (admin API →
// token A), it reads our versions and 2.2.1 details with token A and POSTs its credentials; our answer carries the
// token it pulls with. Its versions URL is the fleet's pull-only eMSP (credentials endpoint, no Locations
// receiver), so StatusGrid registers it without subscribing it to pushes.
import http from "k6/http";
import encoding from "k6/encoding";
import { ADMIN_KEY, BASE_URL, FLEET_URL } from "./config.ts";

interface Envelope<T> {
  data?: T;
  status_code?: number;
  status_message?: string;
}

/** OCPI 2.2: the token travels base64-encoded. */
export function tokenHeader(token: string): { Authorization: string } {
  return { Authorization: `Token ${encoding.b64encode(token)}` };
}

function ocpiData<T>(url: string, token: string): T {
  const res = http.get(url, { headers: tokenHeader(token), tags: { name: "setup_handshake" } });
  const body = res.status === 200 ? (res.json() as unknown as Envelope<T>) : null;
  if (body?.data === undefined) throw new Error(`GET ${url}: HTTP ${res.status} ${String(res.body).slice(0, 300)}`);
  return body.data;
}

/** Registers partner `LOAD-PULL-{index + 1}` and returns the token StatusGrid issued it. */
export function registerPuller(index: number): string {
  const id = `LOAD-PULL-${index + 1}`;
  const admin = { headers: { "X-Api-Key": ADMIN_KEY, "Content-Type": "application/json" }, tags: { name: "setup_handshake" } };
  const invite = () => http.post(`${BASE_URL}/api/admin/ocpi/invitations`, JSON.stringify({ partner_id: id, name: `Load puller ${index + 1}` }), admin);
  let invited = invite();
  if (invited.status === 409) {
    // Registered by an earlier run against the same server: unregister, then invite again (a fresh token A).
    http.del(`${BASE_URL}/api/admin/ocpi/registrations/${id}`, null, admin);
    invited = invite();
  }
  if (invited.status !== 201) throw new Error(`invitation of ${id}: HTTP ${invited.status} ${String(invited.body).slice(0, 300)}`);
  const invitation = invited.json() as unknown as { token: string; versions_url: string };

  const versions = ocpiData<{ version: string; url: string }[]>(invitation.versions_url, invitation.token);
  const v221 = versions.find((v) => v.version === "2.2.1");
  if (v221 === undefined) throw new Error(`${invitation.versions_url} does not offer 2.2.1`);
  const details = ocpiData<{ endpoints: { identifier: string; url: string }[] }>(v221.url, invitation.token);
  const credentialsUrl = details.endpoints.find((e) => e.identifier === "credentials")?.url;
  if (credentialsUrl === undefined) throw new Error(`${v221.url} lists no credentials endpoint`);

  const ours = {
    token: `k6-puller-${index + 1}-${Date.now()}`,
    url: `${FLEET_URL}/ocpi/puller/versions`,
    roles: [{ role: "EMSP", country_code: "DE", party_id: "PUL", business_details: { name: "k6 puller" } }],
  };
  const res = http.post(credentialsUrl, JSON.stringify(ours), {
    headers: { ...tokenHeader(invitation.token), "Content-Type": "application/json" },
    tags: { name: "setup_handshake" },
  });
  const answer = res.status === 200 ? (res.json() as unknown as Envelope<{ token: string }>) : null;
  if (answer?.status_code !== 1000 || answer.data === undefined) {
    throw new Error(`credentials POST for ${id}: HTTP ${res.status} ${String(res.body).slice(0, 300)}`);
  }
  return answer.data.token;
}
