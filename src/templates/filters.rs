//! The filters the engine adds to Tera's own.

use tera::{Kwargs, State, Tera};

use crate::date::PartialDate;

pub fn register(tera: &mut Tera) {
    tera.register_filter("human_date", human_date);
    tera.register_filter("json", json);
}

/// `{{ page.updated | human_date }}`: `2022-01-26` becomes `26 January 2022`, `2025-11`
/// becomes `November 2025`.
fn human_date(value: &str, _: Kwargs, _: &State) -> tera::TeraResult<String> {
    PartialDate::parse(value)
        .map(|d| d.human())
        .map_err(tera::Error::message)
}

/// `{{ value | json | safe }}`: the value as JSON that is safe inside a `<script>` data
/// block (`<`, `>` and `&` escaped, so no `</script>` can end it early). Null fields of
/// maps are left out, as structured-data readers expect.
fn json(value: tera::Value, _: Kwargs, _: &State) -> tera::TeraResult<String> {
    let json = serde_json::to_value(&value).map_err(tera::Error::message)?;
    let text = serde_json::to_string(&without_nulls(json)).map_err(tera::Error::message)?;
    Ok(text
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026"))
}

fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k, without_nulls(v)))
            .collect(),
        serde_json::Value::Array(items) => items.into_iter().map(without_nulls).collect(),
        other => other,
    }
}
