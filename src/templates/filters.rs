//! The filters the engine adds to Tera's own. Those that depend on the language read the
//! page's `language` (BCP 47) and `strings` from its context.

use serde::Deserialize;
use tera::{Kwargs, State, Tera, Value};

use crate::config::strings::{self, Text};
use crate::text::date::PartialDate;
use crate::text::locale;

pub fn register(tera: &mut Tera) {
    tera.register_filter("human_date", human_date);
    tera.register_filter("plural", plural);
    tera.register_filter("collate", collate);
    tera.register_filter("json", json);
}

/// `{{ page.updated | human_date }}`: `2022-01-26` becomes `26 January 2022` in `en-GB`,
/// `26 января 2022 г.` in `ru`; `2025-11` becomes `November 2025`.
fn human_date(value: &str, _: Kwargs, state: &State) -> tera::TeraResult<String> {
    let date = PartialDate::parse(value).map_err(tera::Error::message)?;
    Ok(match state.get::<String>("language")? {
        Some(tag) => locale::language(&tag).date(&date),
        None => date.human(),
    })
}

/// `{{ page.reading_time | plural(key="reading_time") }}`: the edition's string `key` for
/// the number, in the plural form the language uses for it (`1 минута`, `5 минут`), with
/// `{n}` replaced.
fn plural(n: u64, kwargs: Kwargs, state: &State) -> tera::TeraResult<String> {
    let key: &str = kwargs.must_get("key")?;
    let strings: Value = state
        .get("strings")?
        .ok_or_else(|| tera::Error::message("`plural` needs the edition's `strings`"))?;
    let text = strings.get_from_path(key).ok_or_else(|| {
        tera::Error::message(format!(
            "there is no string `{key}` in the edition's i18n file"
        ))
    })?;
    let text = Text::deserialize(text).map_err(tera::Error::message)?;
    let tag = state.get::<String>("language")?.unwrap_or_default();
    let n = usize::try_from(n).map_err(tera::Error::message)?;
    Ok(strings::plural(&text, n, &locale::language(&tag).plurals))
}

/// `{{ data.glossary | collate(attribute="term") }}`: the list in the language's
/// alphabetical order of `attribute` (or of the items themselves, if they are texts).
fn collate(items: Vec<Value>, kwargs: Kwargs, state: &State) -> tera::TeraResult<Vec<Value>> {
    let attribute: Option<&str> = kwargs.get("attribute")?;
    let tag = state.get::<String>("language")?.unwrap_or_default();
    let language = locale::language(&tag);
    let key = |item: &Value| -> String {
        let value = attribute.map_or(Some(item), |a| item.get_from_path(a));
        value.and_then(Value::as_str).unwrap_or_default().to_owned()
    };
    let mut keyed: Vec<(String, Value)> = items.into_iter().map(|i| (key(&i), i)).collect();
    keyed.sort_by(|(a, _), (b, _)| language.collator.compare(a, b));
    Ok(keyed.into_iter().map(|(_, item)| item).collect())
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
