//! Reading providers' JSON answers, the parts every provider shares. Each
//! provider reads its own fields; what is here is the same for all.

use super::{ApiError, HttpResponse};
use serde_json::Value;

/// The body of a successful answer as JSON; an error answer goes through
/// the provider's own `error` reader (each words its errors differently).
pub(crate) fn success_document(
    response: &HttpResponse,
    error: impl FnOnce(&HttpResponse) -> ApiError,
) -> Result<Value, ApiError> {
    if !response.is_success() {
        return Err(error(response));
    }
    serde_json::from_str(&response.body)
        .map_err(|_| ApiError::unexpected(response.status, "it is not JSON"))
}

/// A count or offset, sent as a JSON number or as a numeric string.
pub(crate) fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `value` trimmed, or the refusal `why` for the field `what` when blank:
/// nothing is sent without a required field.
pub(crate) fn required<'a>(what: &str, value: &'a str, why: &str) -> Result<&'a str, ApiError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(ApiError::refused_input(what, why));
    }
    Ok(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_go_to_the_provider_and_non_json_is_named() {
        let error = success_document(&HttpResponse::new(404, "{}"), |r| {
            ApiError::from_status(r.status, None)
        })
        .expect_err("404");
        assert_eq!(error.status, 404);
        let error = success_document(&HttpResponse::new(200, "<html>"), |_| unreachable!())
            .expect_err("not JSON");
        assert!(error.to_string().contains("not JSON"), "{error}");
        let ok = success_document(&HttpResponse::new(200, r#"{"a":1}"#), |_| unreachable!());
        assert_eq!(ok.expect("json")["a"], 1);
    }

    #[test]
    fn numbers_come_as_numbers_or_text() {
        assert_eq!(number(&Value::from(7)), Some(7));
        assert_eq!(number(&Value::from(" 12 ")), Some(12));
        assert_eq!(number(&Value::from(-1)), None);
        assert_eq!(number(&Value::Null), None);
    }

    #[test]
    fn blank_required_fields_are_refused() {
        assert_eq!(required("name", "  a ", "why").expect("ok"), "a");
        let error = required("name", " \t", "Give it a name.").expect_err("blank");
        assert!(error.to_string().contains("Give it a name."), "{error}");
    }
}
