//! Which addresses from the server the app may put in an `href` or open in the popup. A
//! `javascript:` or `data:` address there would run in the CRM's origin, so only two kinds pass:
//! https to one of Facebook's own hosts, and a path on this origin.
//! The links the app builds itself are encoded here too.

/// The hosts of Facebook's dialogs, Page settings and appeal forms.
const FACEBOOK_HOSTS: [&str; 4] = ["www.facebook.com", "facebook.com", "business.facebook.com", "m.facebook.com"];

/// `url` itself if it may be followed, `None` otherwise (the screen then goes without the link).
pub fn followable(url: &str) -> Option<&str> {
    // Browsers drop tabs and newlines inside a URL and trim spaces, which can hide a scheme.
    if url.is_empty() || url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return None;
    }
    if let Some(path) = url.strip_prefix('/') {
        // `//host` is another origin, not a path.
        return (!path.starts_with('/')).then_some(url);
    }
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // No credentials (`user:pass@`), no port: just the host.
    let host_ok = FACEBOOK_HOSTS.iter().any(|h| authority.eq_ignore_ascii_case(h));
    host_ok.then_some(url)
}

/// A customer's shared link, if it may be a link at all: `https://` or `http://` to a named
/// host, with no credentials and nothing a browser would silently drop. Anything else
/// (`javascript:`, `data:`, a relative path) stays text. Opened in a new tab, never in a `src`.
pub fn web_link(url: &str) -> Option<&str> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = !authority.is_empty()
        && !authority.contains('@')
        && authority.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    host_ok.then_some(url)
}

/// Percent-encodes everything but RFC 3986's unreserved characters and the bytes in `keep`.
pub fn percent_encode(value: &str, keep: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.extend(['%', HEX[usize::from(b >> 4)] as char, HEX[usize::from(b & 15)] as char]);
        }
    }
    out
}

/// A `mailto:` link. The address is encoded too: `x@y?bcc=evil@z` must stay one (broken)
/// address, not become a second recipient.
pub fn mailto(address: &str, subject: &str, body: &str) -> String {
    let (address, subject, body) =
        (percent_encode(address, b"@"), percent_encode(subject, b""), percent_encode(body, b""));
    format!("mailto:{address}?subject={subject}&body={body}")
}

/// `/messaging/{id}` with the id as one path segment: a `?`, `#` or `/` in it stays in the id.
pub fn conversation_path(id: &contract::ConversationId) -> String {
    format!("/messaging/{}", percent_encode(id.as_str(), b""))
}

/// The id in a `/messaging/{id}` (`domain::route`). The address is decoded with `decodeURI`
/// (`nav.rs`), which leaves the escapes of `; / ? : @ & = + $ , #` as they are: those are
/// decoded here, so the id is the one `conversation_path` was given.
pub fn conversation_id(segment: &str) -> contract::ConversationId {
    const RESERVED: &[u8] = b";/?:@&=+$,#";
    let mut out = Vec::with_capacity(segment.len());
    let bytes = segment.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) if bytes[i] == b'%' && RESERVED.contains(&b) => {
                out.push(b);
                i += 3;
            }
            _ => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    contract::ConversationId::new(String::from_utf8(out).unwrap_or_else(|_| segment.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_link_is_a_link_only_when_it_is_a_plain_web_address() {
        assert_eq!(
            web_link("https://sakura-trading.example/catalogue?s=1"),
            Some("https://sakura-trading.example/catalogue?s=1")
        );
        assert_eq!(web_link("HTTP://example.com"), Some("HTTP://example.com"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "/messaging/ken",
            "https://user:pass@example.com/",
            "https:///path",
            "https://exa mple.com",
            "https://example.com/\tx",
            "java\nscript://x",
            "ftp://example.com",
        ] {
            assert_eq!(web_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_conversation_id_is_one_path_segment_whatever_it_holds() {
        assert_eq!(conversation_path(&"ken".into()), "/messaging/ken");
        assert_eq!(conversation_path(&"t_1?x=2#top/../other".into()), "/messaging/t_1%3Fx%3D2%23top%2F..%2Fother");
        // What the router hands over after decodeURI, which keeps reserved escapes.
        assert_eq!(conversation_id("t_1%3Fx%3D2%23top%2F..%2Fother"), "t_1?x=2#top/../other");
        assert_eq!(conversation_id("ken"), "ken");
        assert_eq!(conversation_id("100%"), "100%");
    }

    #[test]
    fn mailto_keeps_one_recipient_and_encodes_every_part() {
        assert_eq!(
            mailto("x@y?bcc=evil@z&cc=a@b", "Hi & bye", "a=b\n日本"),
            "mailto:x@y%3Fbcc%3Devil@z%26cc%3Da@b?subject=Hi%20%26%20bye&body=a%3Db%0A%E6%97%A5%E6%9C%AC"
        );
        assert_eq!(mailto("aiko.tanaka@sakura.example", "", ""), "mailto:aiko.tanaka@sakura.example?subject=&body=");
        assert_eq!(percent_encode("a&b=c/d e", b""), "a%26b%3Dc%2Fd%20e");
    }

    #[test]
    fn facebook_over_https_and_own_paths_pass() {
        for url in [
            "https://www.facebook.com/help/contact/appeal?page=1",
            "HTTPS://business.facebook.com/settings/pages/123",
            "https://facebook.com",
            "/sim/facebook/dialog?state=st_1&scope=pages_messaging",
        ] {
            assert_eq!(followable(url), Some(url), "{url}");
        }
    }

    #[test]
    fn scripts_data_other_hosts_and_credentials_are_dropped() {
        for url in [
            "javascript:alert(document.cookie)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/appeal",
            "/\\evil.example",
            "https://evil.example/appeal",
            "https://www.facebook.com.evil.example/",
            "https://evil.example#https://www.facebook.com/",
            "https://user:pass@www.facebook.com/",
            "https://www.facebook.com@evil.example/",
            "https://www.facebook.com:8443/",
            "http://www.facebook.com/",
            "",
        ] {
            assert_eq!(followable(url), None, "{url:?}");
        }
    }
}
