import type { TestApp } from './http.js';

export interface AgencyResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** An agency's integration, in-process: client credentials at /oauth/token, then Bearer calls. */
export class AgencyClient {
  token: string | null = null;

  constructor(
    readonly app: TestApp,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  async authenticate(how: 'basic' | 'form' = 'basic'): Promise<AgencyResponse> {
    const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded' });
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (how === 'basic')
      headers.set('authorization', `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`);
    else {
      form.set('client_id', this.clientId);
      form.set('client_secret', this.clientSecret);
    }
    const res = await this.app.request('/oauth/token', { method: 'POST', headers, body: form.toString() });
    const body = (await res.json()) as any;
    if (res.status === 200) this.token = body.access_token;
    return { status: res.status, body, headers: res.headers };
  }

  get<T = any>(path: string): Promise<AgencyResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<AgencyResponse<T>> {
    return this.request<T>('POST', path, body, headers);
  }

  put<T = any>(path: string, body: unknown): Promise<AgencyResponse<T>> {
    return this.request<T>('PUT', path, body);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<AgencyResponse<T>> {
    const headers = new Headers(extra);
    if (this.token) headers.set('authorization', `Bearer ${this.token}`);
    if (body !== undefined) headers.set('content-type', 'application/json');
    const res = await this.app.request(`/agency/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
  }
}
