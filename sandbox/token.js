// @ts-check
'use strict';
/**
 * The identity server: `POST /connect/token` (OAuth2 client credentials, as
 * IdentityServer4/Duende answers it) and the check of bearer tokens on API calls.
 */
const crypto = require('crypto');
const { mediaType } = require('./http');

/** @typedef {{ clientId: string, clientSecret: string, companyIds: string[], scopes: string[] }} Client */
/** @typedef {{ clientId: string, companyIds: string[], scopes: string[], expiresAt: number }} Token */
/** @typedef {'none' | 'ok' | 'expired' | 'invalid'} AuthState */
/** @typedef {import('./errors').Reply} Reply */

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** @param {string} error @returns {Reply} */
const tokenError = (error) => ({ status: 400, body: { error }, headers: NO_STORE });

/**
 * IdentityServer form-decodes each half of a Basic header (`+` is a space).
 * @param {string} value @returns {string | undefined}
 */
function formDecode(value) {
	try {
		return decodeURIComponent(value.replace(/\+/g, '%20'));
	} catch {
		return undefined;
	}
}

/** .NET's invariant DateTime text, as ASP.NET's JwtBearer puts it in error_description. @param {number} ms */
function invariantDate(ms) {
	const d = new Date(ms);
	const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
	return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

class TokenService {
	/** @param {Client[]} clients @param {number} lifetimeSeconds */
	constructor(clients, lifetimeSeconds) {
		/** @type {Map<string, Client & { revoked: boolean }>} */
		this.clients = new Map();
		for (const c of clients) this.addClient(c);
		/** @type {Map<string, Token>} */
		this.tokens = new Map();
		this.lifetimeSeconds = lifetimeSeconds;
	}

	/** @param {Client} client */
	addClient(client) {
		this.clients.set(client.clientId, { ...client, companyIds: [...client.companyIds], scopes: [...client.scopes], revoked: false });
	}

	/** @param {string} clientId @param {boolean} revoked */
	setRevoked(clientId, revoked) {
		const client = this.clients.get(clientId);
		if (!client) throw new Error(`unknown client ${clientId}`);
		client.revoked = revoked;
	}

	/** Every token issued so far is expired from now on. */
	expireAll() {
		const now = Date.now();
		for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
	}

	/**
	 * @param {{ method: string, headers: import('http').IncomingHttpHeaders, body: Buffer }} request
	 * @returns {Reply}
	 */
	handleTokenRequest({ method, headers, body }) {
		if (method !== 'POST') return { status: 405, headers: { Allow: 'POST' } };
		if (mediaType(headers) !== 'application/x-www-form-urlencoded') return tokenError('invalid_request');
		const form = new URLSearchParams(body.toString('utf8'));

		let clientId = form.get('client_id') ?? undefined;
		let clientSecret = form.get('client_secret') ?? undefined;
		const authorization = String(headers.authorization ?? '');
		if (/^basic /i.test(authorization)) {
			const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 0) return tokenError('invalid_client');
			clientId = formDecode(decoded.slice(0, colon));
			clientSecret = formDecode(decoded.slice(colon + 1));
		}
		const client = clientId === undefined ? undefined : this.clients.get(clientId);
		if (!client || client.revoked || clientSecret === undefined || !safeEqual(clientSecret, client.clientSecret))
			return tokenError('invalid_client');

		if (form.get('grant_type') !== 'client_credentials') return tokenError('unsupported_grant_type');

		const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
		const scopes = requested.length ? [...new Set(requested)] : client.scopes;
		if (scopes.some((s) => !client.scopes.includes(s))) return tokenError('invalid_scope');

		const accessToken = crypto.randomBytes(32).toString('base64url');
		this.tokens.set(accessToken, {
			clientId: client.clientId,
			companyIds: client.companyIds,
			scopes,
			expiresAt: Date.now() + this.lifetimeSeconds * 1000,
		});
		return {
			status: 200,
			headers: NO_STORE,
			body: { access_token: accessToken, expires_in: this.lifetimeSeconds, token_type: 'Bearer', scope: scopes.join(' ') },
		};
	}

	/**
	 * @param {string | undefined} authorization the request's Authorization header
	 * @returns {{ auth: AuthState, token?: Token, expiredAt?: number }}
	 */
	check(authorization) {
		const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
		if (!match) return { auth: 'none' };
		const token = this.tokens.get(match[1]);
		if (!token || this.clients.get(token.clientId)?.revoked !== false) return { auth: 'invalid' };
		if (Date.now() >= token.expiresAt) return { auth: 'expired', expiredAt: token.expiresAt };
		return { auth: 'ok', token };
	}

	/**
	 * The 401 ASP.NET's JwtBearer sends: empty body, the reason in WWW-Authenticate.
	 * @param {{ auth: AuthState, expiredAt?: number }} result
	 * @returns {Reply}
	 */
	static unauthorized(result) {
		let header = 'Bearer error="invalid_token"';
		if (result.auth === 'expired' && result.expiredAt !== undefined)
			header += `, error_description="The token expired at '${invariantDate(result.expiredAt)}'"`;
		return { status: 401, headers: { 'WWW-Authenticate': header } };
	}
}

/** @param {string} a @param {string} b */
function safeEqual(a, b) {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && crypto.timingSafeEqual(x, y);
}

module.exports = { TokenService };
