//! The parts of a page that are made of parts: lists, description lists and tables.

use super::Writer;
use crate::text::tree::{Element, Node};

impl Writer<'_> {
    /// The items (`li`) of a list, each as one argument; an item of a numbered list keeps
    /// its own number (`value`), as a list of sources does.
    pub(super) fn items(&mut self, element: &Element) -> String {
        let numbered = element.tag.is("ol");
        let mut items = String::new();
        for node in &element.children {
            let Node::Element(e) = node else { continue };
            if !e.tag.is("li") {
                continue;
            }
            let Some(item) = self.element(e) else {
                continue;
            };
            let value = e
                .tag
                .get("value")
                .and_then(|v| v.trim().parse::<u64>().ok());
            match value.filter(|_| numbered) {
                Some(n) => items.push_str(&format!("enum.item({n}, {item}), ")),
                None => items.push_str(&format!("{item}, ")),
            }
        }
        items
    }

    /// A description list: each term with the descriptions after it, also where a `<div>`
    /// holds a term and its descriptions.
    pub(super) fn terms(&mut self, element: &Element) -> String {
        let mut items: Vec<(String, Vec<String>)> = Vec::new();
        let entries = element.children.iter().flat_map(|node| match node {
            Node::Element(e) if e.tag.is("div") => e.children.iter().collect::<Vec<_>>(),
            node => vec![node],
        });
        for node in entries {
            let Node::Element(e) = node else { continue };
            if e.tag.is("dt") {
                let term = self.element(e).unwrap_or_else(|| "[]".to_owned());
                items.push((term, Vec::new()));
            } else if e.tag.is("dd")
                && let Some(description) = self.element(e)
            {
                match items.last_mut() {
                    Some((_, descriptions)) => descriptions.push(description),
                    None => items.push(("[]".to_owned(), vec![description])),
                }
            }
        }
        let items: String = items
            .into_iter()
            .map(|(term, descriptions)| {
                let description = match descriptions.len() {
                    0 => "[]".to_owned(),
                    _ => format!("{{{}}}", descriptions.join("; parbreak(); ")),
                };
                format!("terms.item({term}, {description}), ")
            })
            .collect();
        format!("terms({items})")
    }

    /// A table: its header rows as the table's header, which print repeats on every page;
    /// its caption above it.
    pub(super) fn table(&mut self, element: &Element) -> String {
        let mut caption = None;
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for node in &element.children {
            let Node::Element(e) = node else { continue };
            if e.tag.is("caption") {
                caption = Some(self.children(e));
            } else if e.tag.is("thead") {
                header.extend(self.rows(e));
            } else if e.tag.is("tbody") || e.tag.is("tfoot") {
                rows.extend(self.rows(e));
            } else if e.tag.is("tr") {
                rows.push(self.row(e));
            }
        }
        let columns = header
            .iter()
            .chain(&rows)
            .map(|row| row.iter().map(|(_, span)| span).sum::<usize>())
            .max()
            .unwrap_or(1)
            .max(1);
        let cells = |row: &[(String, usize)]| -> String {
            row.iter()
                .map(|(cell, span)| match span {
                    1 => format!("{cell}, "),
                    _ => format!("table.cell(colspan: {span}, {cell}), "),
                })
                .collect()
        };
        let mut table = format!("table(columns: {columns}, ");
        if !header.is_empty() {
            let cells: String = header.iter().map(|row| cells(row)).collect();
            table.push_str(&format!("table.header({cells}), "));
        }
        for row in &rows {
            table.push_str(&cells(row));
        }
        table.push(')');
        match caption {
            Some(caption) => format!(
                "figure(kind: table, supplement: none, numbering: none, caption: figure.caption(position: top, {caption}), {table})"
            ),
            None => table,
        }
    }

    fn rows(&mut self, group: &Element) -> Vec<Vec<(String, usize)>> {
        group
            .children
            .iter()
            .filter_map(|node| match node {
                Node::Element(e) if e.tag.is("tr") => Some(self.row(e)),
                _ => None,
            })
            .collect()
    }

    /// A row's cells, each with the columns it spans; a header cell in bold.
    fn row(&mut self, row: &Element) -> Vec<(String, usize)> {
        row.children
            .iter()
            .filter_map(|node| match node {
                Node::Element(e) if e.tag.is("td") || e.tag.is("th") => {
                    let span = e
                        .tag
                        .get("colspan")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1usize)
                        .max(1);
                    let body = self.element(e).unwrap_or_else(|| "[]".to_owned());
                    let body = match e.tag.is("th") {
                        true => format!("strong({body})"),
                        false => body,
                    };
                    Some((body, span))
                }
                _ => None,
            })
            .collect()
    }
}
