//! `/sim/facebook/dialog`: the simulated "Log in with Facebook" window the authorize URL
//! opens. One checkbox per scope asked for and per Page; Continue or Cancel redirects the
//! popup back to the CRM's callback, as Facebook does.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use contract::Permission;
use serde::Deserialize;

use crate::install::CALLBACK_PATH;
use crate::session::browser_user;
use crate::state::AppState;

/// The dialog's look, as a file: the strict CSP (`--csp`) allows no inline style.
pub async fn dialog_css() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "text/css")],
        "body{font:15px system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1c1e21}\n\
         fieldset{border:1px solid #ccd0d5;border-radius:6px;margin:1rem 0}label{display:block;padding:.3rem 0}\n\
         .note{background:#fff4e0;padding:.5rem .75rem;border-radius:6px}button{font:inherit;padding:.45rem 1.1rem;margin-right:.5rem}\n",
    )
}

#[derive(Deserialize)]
pub struct DialogQuery {
    state: String,
    scope: String,
    redirect_uri: String,
    #[serde(default)]
    auth_type: Option<String>,
}

/// The dialog. Which Pages it offers, and ticked how, depends on the flow its `state` names:
/// a permission re-request shows none (Facebook keeps those shared before); "Share more
/// Pages" ticks only those this Facebook user shared before; any other flow ticks them all.
pub async fn dialog(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<DialogQuery>) -> Response {
    if q.redirect_uri != CALLBACK_PATH {
        return (StatusCode::BAD_REQUEST, Html("redirect_uri is not registered for this app")).into_response();
    }
    let mut w = state.world();
    let user = browser_user(&mut w, &headers);
    let share_pages = w.flows.get(&q.state).is_some_and(|f| f.share_pages);
    let rerequest = q.auth_type.as_deref() == Some("rerequest") && !share_pages;
    let me = w.user(&user).person.name.clone();
    let scopes: Vec<Permission> = q.scope.split(',').filter(|s| !s.is_empty()).map(Permission::from_scope).collect();
    let mut html = String::new();
    html.push_str(&format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Log in with Facebook (simulated)</title>\
         <link rel=\"stylesheet\" href=\"/sim/facebook/dialog.css\">\
         </head><body><main><h1>Log in with Facebook</h1>\
         <p class=\"note\">Simulated by the dev backend. No data leaves this machine.</p>\
         <p>Logged in as {}. The CRM app asks for these permissions{}.</p>\
         <form method=\"post\" action=\"/sim/facebook/dialog\"><input type=\"hidden\" name=\"state\" value=\"{}\">\
         <fieldset><legend>Permissions</legend>",
        escape(&me),
        if rerequest { " again" } else { "" },
        escape(&q.state)
    ));
    for p in &scopes {
        let s = escape(p.scope());
        html.push_str(&format!("<label><input type=\"checkbox\" name=\"scope\" value=\"{s}\" checked> {s}</label>"));
    }
    html.push_str("</fieldset>");
    if !rerequest {
        html.push_str("<fieldset><legend>Pages</legend>");
        if share_pages {
            html.push_str("<p>Choose the Pages the CRM app may use. The ones you shared before are ticked.</p>");
        }
        let shared = w.pages_shared_by(&user);
        for page in &w.pages {
            let ticked = !share_pages || shared.contains(&page.id);
            html.push_str(&format!(
                "<label><input type=\"checkbox\" name=\"page\" value=\"{}\"{}> {}</label>",
                escape(page.id.as_str()),
                if ticked { " checked" } else { "" },
                escape(&page.name)
            ));
        }
        html.push_str("</fieldset>");
    }
    html.push_str(
        "<button type=\"submit\" name=\"action\" value=\"continue\">Continue</button>\
         <button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button></form></main></body></html>",
    );
    Html(html).into_response()
}

/// Continue or Cancel: Facebook redirects the popup back to the CRM's callback.
pub async fn dialog_submit(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Redirect {
    let (mut flow, mut cancelled) = (String::new(), false);
    let (mut scopes, mut pages) = (Vec::<String>::new(), Vec::<contract::PageId>::new());
    for (k, v) in form_urlencoded::parse(&body) {
        match &*k {
            "state" => flow = v.into_owned(),
            "action" => cancelled = v == "cancel",
            "scope" => scopes.push(v.into_owned()),
            "page" => pages.push(v.into_owned().into()),
            _ => {}
        }
    }
    let to = state.mutate(|w| {
        let user = browser_user(w, &headers);
        w.submit_dialog(&user, &flow, cancelled, &scopes, &pages)
    });
    Redirect::to(&to)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
