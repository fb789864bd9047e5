use leptos::prelude::*;

use super::failure_layout::FailureLayout;
use super::try_again_button::TryAgainButton;
use crate::i18n::*;

/// Seed mode 2: the Page is connected to another company account. Two ways out, then Try again.
#[component]
pub fn OtherCompanyScreen(
    /// The other company account's name.
    company: Option<String>,
    /// The Page's name.
    page: Option<String>,
    /// The Page's Business Integrations settings on Facebook.
    settings_url: Option<String>,
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let company = company.unwrap_or_else(|| "—".into());
    let page = page.unwrap_or_else(|| "—".into());
    let (c1, c2) = (company.clone(), company);
    view! {
        <FailureLayout title=t!(i18n, failure.other_company_title).into_any()>
            <p>{t!(i18n, failure.other_company_body, page, company = c1)}</p>
            <ol class="msg-ways">
                <li>{t!(i18n, failure.other_company_way1, company = c2)}</li>
                <li>
                    {t!(i18n, failure.other_company_way2)} " "
                    {settings_url
                        .map(|href| {
                            view! {
                                <a class="msg-link-external" href=href target="_blank" rel="noopener noreferrer">
                                    {t!(i18n, failure.open_business_integrations)}
                                </a>
                            }
                        })}
                </li>
            </ol>
            <div class="msg-actions">
                <TryAgainButton on_retry />
            </div>
        </FailureLayout>
    }
}
