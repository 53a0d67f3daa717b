//! What keeps other web sites out of the local server: the `Host` a request names must be an
//! address the server listens on (a name such as `evil.example` that resolves to 127.0.0.1 —
//! DNS rebinding — is refused), every `POST` from a browser must come from the page's own
//! origin (`Origin`, `Sec-Fetch-Site`), and the page's own requests carry a per-page token
//! ([`mint`], checked by [`token_ok`]) that no other site can read.
//!
//! Clients that are not browsers (curl, scripts) send no `Origin` and need no token.

use std::hash::{BuildHasher, Hasher};
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{HeaderMap, Method, StatusCode, header};

use super::inputs::ApiError;

/// The header the page's script sends its token in.
pub const TOKEN_HEADER: &str = "x-jixiao-token";
/// The form field the page's form sends its token in.
pub const TOKEN_FIELD: &str = "csrf";

/// The process's secret keys (std's randomly keyed SipHash, two of them for 128 bits).
fn keys() -> &'static (std::hash::RandomState, std::hash::RandomState) {
    static KEYS: OnceLock<(std::hash::RandomState, std::hash::RandomState)> = OnceLock::new();
    KEYS.get_or_init(|| (std::hash::RandomState::new(), std::hash::RandomState::new()))
}

fn mac(n: u64) -> String {
    let (a, b) = keys();
    let mut h1 = a.build_hasher();
    h1.write_u64(n);
    let mut h2 = b.build_hasher();
    h2.write_u64(n);
    h2.write_u64(h1.finish());
    format!("{:016x}{:016x}", h1.finish(), h2.finish())
}

/// A new token for one page: a serial number and its keyed hash (nothing is stored).
pub fn mint() -> String {
    static SERIAL: AtomicU64 = AtomicU64::new(1);
    let n = SERIAL.fetch_add(1, Ordering::Relaxed);
    format!("{n:x}.{}", mac(n))
}

/// Whether `token` was minted by this process.
pub fn token_ok(token: Option<&str>) -> bool {
    let Some((n, m)) = token.map(str::trim).and_then(|t| t.split_once('.')) else {
        return false;
    };
    let Ok(n) = u64::from_str_radix(n, 16) else {
        return false;
    };
    let expected = mac(n);
    // compared in full whatever the first difference (no early exit to time)
    expected.len() == m.len()
        && expected
            .bytes()
            .zip(m.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `host[:port]` split, IPv6 in brackets; the port when given.
fn split_authority(authority: &str) -> Option<(String, Option<u16>)> {
    let a = authority.trim();
    if let Some(rest) = a.strip_prefix('[') {
        let (ip, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((ip.to_ascii_lowercase(), port));
    }
    match a.rsplit_once(':') {
        Some((h, p)) => Some((h.to_ascii_lowercase(), Some(p.parse().ok()?))),
        None => Some((a.to_ascii_lowercase(), None)),
    }
}

/// Whether a `Host` (or an origin's authority) names the address the server listens on:
/// `localhost` or a loopback address for a loopback listener, the listener's own address, any
/// address for `0.0.0.0`/`::` — never a domain name, which another site could point here.
pub fn host_allowed(authority: &str, listen: SocketAddr) -> bool {
    let Some((host, port)) = split_authority(authority) else {
        return false;
    };
    if port.unwrap_or(80) != listen.port() {
        return false;
    }
    let ip = listen.ip();
    if host == "localhost" {
        return ip.is_loopback() || ip.is_unspecified();
    }
    match host.parse::<IpAddr>() {
        Ok(h) => h == ip || ip.is_unspecified() || (ip.is_loopback() && h.is_loopback()),
        Err(_) => false,
    }
}

fn forbidden(code: crate::codes::Code, message: String, help: &str) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, code, message, Some(help))
}

/// The checks every request passes before any work: `Host`, and for a `POST` the `Origin` and
/// `Sec-Fetch-Site` a browser sends. `listen` is the bound address (`None` in-process, where
/// only the origin's match with `Host` is checked).
pub fn check(
    method: &Method,
    headers: &HeaderMap,
    listen: Option<SocketAddr>,
) -> Result<(), ApiError> {
    check_target(None, headers, listen)?;
    check_rest(method, headers, listen)
}

/// The request's target: a listening server answers only requests that name it — a `Host`
/// header (HTTP/1.1 requires one; a request without it could come from anywhere) and, where the
/// request line gives an absolute URL (`GET http://other.example/`, a proxy's request), its
/// host as well. `authority` is the request line's, where it has one.
pub fn check_target(
    authority: Option<&str>,
    headers: &HeaderMap,
    listen: Option<SocketAddr>,
) -> Result<(), ApiError> {
    let Some(listen) = listen else {
        return Ok(());
    };
    let help = "请直接用 jixiao serve 打印的地址打开页面（如 http://127.0.0.1:8080/）；经由其他域名的访问会被拒绝，以防其他网站借道本机";
    let host = headers
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"));
    if host.is_none() {
        return Err(forbidden(
            crate::codes::WEB_NO_HOST,
            format!("拒绝访问：请求没有 Host 头，无法确认是访问本服务（{listen}）"),
            help,
        ));
    }
    // two `Host` headers (RFC 9112 §3.2: answered 400): which one names the target depends on
    // who reads them, so neither is trusted
    if headers.get_all(header::HOST).iter().nth(1).is_some() {
        return Err(forbidden(
            crate::codes::WEB_BAD_HOST,
            format!("拒绝访问：请求有不止一个 Host 头，无法确认是访问本服务（{listen}）"),
            help,
        ));
    }
    if let Some(a) = authority
        && !host_allowed(a, listen)
    {
        return Err(forbidden(
            crate::codes::WEB_BAD_HOST,
            format!(
                "拒绝访问：请求行中的主机「{}」不是本服务监听的地址 {listen}",
                a.chars().take(200).collect::<String>()
            ),
            help,
        ));
    }
    Ok(())
}

/// `Host`, `Origin` and `Sec-Fetch-Site` (the target itself by [`check_target`]).
fn check_rest(
    method: &Method,
    headers: &HeaderMap,
    listen: Option<SocketAddr>,
) -> Result<(), ApiError> {
    let host = headers
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}"));
    if let (Some(host), Some(listen)) = (host, listen)
        && !host_allowed(host, listen)
    {
        return Err(forbidden(
            crate::codes::WEB_BAD_HOST,
            format!("拒绝访问：请求的主机名「{host}」不是本服务监听的地址 {listen}"),
            "请直接用 jixiao serve 打印的地址打开页面（如 http://127.0.0.1:8080/）；经由其他域名的访问会被拒绝，以防其他网站借道本机",
        ));
    }
    if method != Method::POST {
        return Ok(());
    }
    let help = "只接受本页面自己发出的提交；其他网站不能向本机的 jixiao 提交文件。请在 jixiao serve 打印的地址打开页面后再提交";
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(forbidden(
            crate::codes::WEB_CROSS_SITE,
            format!("拒绝访问：这个提交来自其他网站（Sec-Fetch-Site: {site}）"),
            help,
        ));
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("\u{fffd}");
        let authority = origin.strip_prefix("http://");
        let same = match (authority, host, listen) {
            (Some(a), Some(h), _) => {
                a.eq_ignore_ascii_case(h) && listen.is_none_or(|l| host_allowed(a, l))
            }
            (Some(a), None, Some(l)) => host_allowed(a, l),
            _ => false,
        };
        if !same {
            return Err(forbidden(
                crate::codes::WEB_FOREIGN_ORIGIN,
                format!("拒绝访问：这个提交来自其他网站（来源 {origin}）"),
                help,
            ));
        }
    }
    Ok(())
}

/// Whether a request came from a browser (it names its origin or fetch site), so must carry
/// the page's token.
pub fn from_browser(headers: &HeaderMap) -> bool {
    headers.contains_key(header::ORIGIN) || headers.contains_key("sec-fetch-site")
}

/// 403 for a page request without a valid token.
pub fn bad_token() -> ApiError {
    forbidden(
        crate::codes::WEB_BAD_TOKEN,
        "拒绝访问：提交缺少本页面的令牌，或令牌无效".to_owned(),
        "请重新打开 jixiao serve 打印的地址（刷新页面）后再提交",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_a_loopback_listener_answers() {
        let l: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "[::1]:8080",
            "127.0.0.2:8080",
        ] {
            assert!(host_allowed(ok, l), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1:8081",
            "127.0.0.1",
            "192.168.1.2:8080",
            "[::1",
            "localhost:x",
        ] {
            assert!(!host_allowed(bad, l), "{bad}");
        }
        let any: SocketAddr = "0.0.0.0:80".parse().unwrap();
        assert!(host_allowed("192.168.1.2", any));
        assert!(!host_allowed("intranet.example", any));
    }

    #[test]
    fn tokens_verify_and_forgeries_do_not() {
        let t = mint();
        assert!(token_ok(Some(&t)));
        assert_ne!(t, mint());
        assert!(!token_ok(Some("1.00000000000000000000000000000000")));
        assert!(!token_ok(Some(&t.replace('.', ""))));
        assert!(!token_ok(None));
        let (n, m) = t.split_once('.').unwrap();
        let other = format!("{:x}.{m}", u64::from_str_radix(n, 16).unwrap() + 1);
        assert!(!token_ok(Some(&other)));
    }
}
