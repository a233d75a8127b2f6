/** The answer to a JSON POST: the status and the parsed body (null when it was not JSON). */
export type PostJsonResult = { reached: true; status: number; statusText: string; body: unknown } | { reached: false };

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** POSTs `payload` as JSON. Never throws: an unreachable host is `{ reached: false }`. */
export async function postJson(
  url: string,
  payload: unknown,
  headers: Record<string, string> = {},
  fetchImpl: Fetch = (u, i) => fetch(u, i),
): Promise<PostJsonResult> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });
  } catch {
    return { reached: false };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the caller decides what the status means
  }
  return { reached: true, status: response.status, statusText: response.statusText, body };
}
