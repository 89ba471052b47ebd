//! Fetching one file over HTTP(S) for `claimlens update`, with bounds on
//! everything: a connect timeout and an overall timeout per request, a body
//! no larger than a raw official file may be, a few retries with back-off for
//! server errors and timeouts, and at most a few redirects, each checked
//! against the policy the caller gives (the mirror's own origin, or HTTPS).
//! Conditional requests (If-None-Match / If-Modified-Since) let an unchanged
//! file come back as `304 Not Modified` without its body.

use std::io::{IsTerminal, Read, Write};
use std::time::Duration;

/// How many redirects one fetch follows.
pub const MAX_REDIRECTS: usize = 3;

/// Limits of a [`Client`].
#[derive(Debug, Clone)]
pub struct Settings {
    /// Overall time for one request, body included.
    pub timeout: Duration,
    /// Time to set up a connection.
    pub connect_timeout: Duration,
    /// Attempts after the first, for server errors, timeouts and broken connections.
    pub retries: u32,
    /// Wait before the first retry (doubled for each further one).
    pub backoff: Duration,
    /// Largest body accepted.
    pub max_bytes: u64,
}

impl Settings {
    /// The defaults, or the overall timeout (in milliseconds) of
    /// `CLAIMLENS_HTTP_TIMEOUT_MS` (for tests; back-off and connect timeout
    /// then follow it).
    pub fn from_env() -> Settings {
        let custom = std::env::var("CLAIMLENS_HTTP_TIMEOUT_MS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .filter(|&ms| ms > 0)
            .map(Duration::from_millis);
        match custom {
            Some(t) => Settings {
                timeout: t,
                connect_timeout: t,
                retries: 2,
                backoff: t / 2,
                max_bytes: crate::input::limits::RAW_FILE,
            },
            None => Settings {
                timeout: Duration::from_secs(120),
                connect_timeout: Duration::from_secs(15),
                retries: 2,
                backoff: Duration::from_secs(2),
                max_bytes: crate::input::limits::RAW_FILE,
            },
        }
    }
}

/// What a fetch got.
#[derive(Debug)]
pub enum Fetched {
    /// `304 Not Modified`: the copy accepted before is current.
    NotModified,
    Body {
        bytes: Vec<u8>,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

/// Validators of the copy accepted before, for a conditional request.
#[derive(Debug, Default, Clone)]
pub struct Known {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Where redirects may lead.
#[derive(Debug, Clone)]
pub enum RedirectPolicy {
    /// Only to the same scheme, host and port as this URL (a mirror).
    SameOrigin(String),
    /// Only to `https://` URLs (the official sources).
    HttpsOnly,
}

/// An HTTP client with the limits of its [`Settings`].
pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
    policy: RedirectPolicy,
    progress: bool,
}

/// The scheme, host and port of a URL (`http://127.0.0.1:8080`).
pub fn origin(url: &str) -> Option<&str> {
    let rest_at = url.find("://")? + 3;
    let end = url[rest_at..].find('/').map_or(url.len(), |i| rest_at + i);
    Some(&url[..end])
}

/// A `Location` header resolved against the URL it came from.
fn resolve(base: &str, location: &str) -> Option<String> {
    if location.starts_with("http://") || location.starts_with("https://") {
        Some(location.to_string())
    } else if location.starts_with('/') {
        Some(format!("{}{location}", origin(base)?))
    } else {
        let dir = &base[..=base.rfind('/')?];
        Some(format!("{dir}{location}"))
    }
}

/// Why a fetch failed; `retry` when another attempt may succeed.
struct Failure {
    message: String,
    retry: bool,
}

impl Client {
    pub fn new(settings: Settings, policy: RedirectPolicy) -> Client {
        // A mirror on this machine is reached directly, never through a proxy.
        let local = match &policy {
            RedirectPolicy::SameOrigin(base) => origin(base).is_some_and(|o| {
                let host = o.split("://").nth(1).unwrap_or("");
                host.starts_with("127.")
                    || host.starts_with("localhost")
                    || host.starts_with("[::1]")
            }),
            RedirectPolicy::HttpsOnly => false,
        };
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_global(Some(settings.timeout))
            .max_idle_connections(0)
            .user_agent(concat!("claimlens/", env!("CARGO_PKG_VERSION")));
        if local {
            config = config.proxy(None);
        }
        let config = config.build();
        Client {
            agent: config.new_agent(),
            settings,
            policy,
            progress: std::io::stderr().is_terminal(),
        }
    }

    /// Fetches `url` (shown as `name` in the progress line), retrying as the
    /// settings allow; an HTML page is refused unless `html` (a listing).
    /// The error says what failed, for a person.
    pub fn fetch(
        &self,
        url: &str,
        name: &str,
        known: &Known,
        html: bool,
    ) -> Result<Fetched, String> {
        let mut attempt = 0;
        loop {
            match self.fetch_once(url, name, known, html) {
                Ok(f) => return Ok(f),
                Err(f) if f.retry && attempt < self.settings.retries => {
                    let wait = self.settings.backoff * 2u32.pow(attempt);
                    attempt += 1;
                    std::thread::sleep(wait);
                }
                Err(f) if attempt > 0 => {
                    return Err(format!("{} (after {} attempts)", f.message, attempt + 1));
                }
                Err(f) => return Err(f.message),
            }
        }
    }

    fn allowed(&self, url: &str) -> bool {
        match &self.policy {
            RedirectPolicy::SameOrigin(base) => origin(url) == origin(base),
            RedirectPolicy::HttpsOnly => url.starts_with("https://"),
        }
    }

    fn fetch_once(
        &self,
        url: &str,
        name: &str,
        known: &Known,
        html: bool,
    ) -> Result<Fetched, Failure> {
        let mut url = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let mut req = self.agent.get(&url);
            if let Some(e) = &known.etag {
                req = req.header("If-None-Match", e);
            }
            if let Some(m) = &known.last_modified {
                req = req.header("If-Modified-Since", m);
            }
            let mut resp = req.call().map_err(|e| transport(&url, e))?;
            let status = resp.status().as_u16();
            let header = |h: &str| {
                resp.headers()
                    .get(h)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            match status {
                200 => {
                    if !html && header("content-type").is_some_and(|t| t.contains("text/html")) {
                        return Err(Failure {
                            message: format!(
                                "{url}: the server sent an HTML page (an error page or a login page?), not the published file"
                            ),
                            retry: false,
                        });
                    }
                    let (etag, last_modified) = (header("etag"), header("last-modified"));
                    let expected = resp.body().content_length();
                    let mut reader = resp
                        .body_mut()
                        .with_config()
                        .limit(self.settings.max_bytes)
                        .reader();
                    let bytes = self.read_body(&mut reader, &url, name, expected)?;
                    return Ok(Fetched::Body {
                        bytes,
                        etag,
                        last_modified,
                    });
                }
                304 if known.etag.is_some() || known.last_modified.is_some() => {
                    return Ok(Fetched::NotModified);
                }
                301 | 302 | 303 | 307 | 308 => {
                    let next = header("location")
                        .and_then(|l| resolve(&url, &l))
                        .ok_or_else(|| Failure {
                            message: format!(
                                "{url}: redirect ({status}) without a usable Location"
                            ),
                            retry: false,
                        })?;
                    if !self.allowed(&next) {
                        return Err(Failure {
                            message: format!(
                                "{url}: redirected to {next}, which is not allowed (a mirror may only redirect within itself, the official sources only to https)"
                            ),
                            retry: false,
                        });
                    }
                    url = next;
                }
                s => {
                    return Err(Failure {
                        message: format!("{url}: the server answered {s} {}", reason(s)),
                        retry: s >= 500,
                    });
                }
            }
        }
        Err(Failure {
            message: format!("{url}: more than {MAX_REDIRECTS} redirects"),
            retry: false,
        })
    }

    fn read_body(
        &self,
        reader: &mut impl Read,
        url: &str,
        name: &str,
        expected: Option<u64>,
    ) -> Result<Vec<u8>, Failure> {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(n) => n,
                Err(e) => {
                    self.clear_progress();
                    return Err(body_failure(url, e, self.settings.max_bytes, bytes.len()));
                }
            };
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
            self.show_progress(name, bytes.len() as u64, expected);
        }
        self.clear_progress();
        if let Some(len) = expected
            && len != bytes.len() as u64
        {
            return Err(Failure {
                message: format!(
                    "{url}: the body ended after {} of {len} bytes (a truncated download)",
                    bytes.len()
                ),
                retry: true,
            });
        }
        Ok(bytes)
    }

    fn show_progress(&self, name: &str, got: u64, total: Option<u64>) {
        if !self.progress {
            return;
        }
        let kib = |n: u64| n.div_ceil(1024);
        let text = match total {
            Some(t) if t > 0 => format!(
                "claimlens: fetching {name}  {} / {} KiB ({}%)",
                kib(got),
                kib(t),
                got * 100 / t
            ),
            _ => format!("claimlens: fetching {name}  {} KiB", kib(got)),
        };
        let _ = write!(std::io::stderr(), "\r{text}\x1b[K");
    }

    fn clear_progress(&self) {
        if self.progress {
            let _ = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found (no such file on the server)",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        304 => "Not Modified, to a request that was not conditional",
        _ => "(unexpected)",
    }
}

/// A failure before any body was read.
fn transport(url: &str, e: ureq::Error) -> Failure {
    let (message, retry) = match &e {
        ureq::Error::Timeout(_) => ("timed out".to_string(), true),
        ureq::Error::HostNotFound => ("host not found".to_string(), true),
        ureq::Error::ConnectionFailed => ("could not connect".to_string(), true),
        ureq::Error::Io(io) => (format!("connection failed: {io}"), true),
        other => (other.to_string(), false),
    };
    Failure {
        message: format!("{url}: {message}"),
        retry,
    }
}

/// A failure while reading the body.
fn body_failure(url: &str, e: std::io::Error, limit: u64, got: usize) -> Failure {
    let inner = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>());
    match inner {
        Some(ureq::Error::BodyExceedsLimit(_)) => Failure {
            message: format!(
                "{url}: larger than the limit of {}; expected an official file of at most that size",
                crate::input::human_size(limit)
            ),
            retry: false,
        },
        Some(ureq::Error::Timeout(_)) => Failure {
            message: format!("{url}: timed out after {got} bytes of the body"),
            retry: true,
        },
        _ => Failure {
            message: format!(
                "{url}: the body broke off after {got} bytes ({e}): a truncated download"
            ),
            retry: true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_targets_resolve_against_the_current_url() {
        let base = "http://127.0.0.1:9/raw/a.txt";
        assert_eq!(origin(base), Some("http://127.0.0.1:9"));
        assert_eq!(
            resolve(base, "/x/b.txt").as_deref(),
            Some("http://127.0.0.1:9/x/b.txt")
        );
        assert_eq!(
            resolve(base, "b.txt").as_deref(),
            Some("http://127.0.0.1:9/raw/b.txt")
        );
        assert_eq!(resolve(base, "https://h/c").as_deref(), Some("https://h/c"));
    }
}
