//! The tables pass: an aligned column's cells are opened with a class (`align-right`)
//! rather than the `style` attribute the HTML writer would give them, which a
//! Content-Security-Policy without 'unsafe-inline' styles blocks.

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

use super::{Context, Next, Pass};

#[derive(Default)]
pub struct Tables {
    open: Option<Table>,
}

/// A table being read.
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    /// The column of the next cell.
    column: usize,
}

impl<'a> Pass<'a> for Tables {
    #[inline]
    fn event(&mut self, event: Event<'a>, at: usize, cx: &mut Context, next: &mut impl Next<'a>) {
        let event = match event {
            Event::Start(Tag::Table(alignments)) => {
                let unaligned = vec![Alignment::None; alignments.len()];
                self.open = Some(Table {
                    alignments,
                    in_head: false,
                    column: 0,
                });
                Event::Start(Tag::Table(unaligned))
            }
            Event::Start(row @ (Tag::TableHead | Tag::TableRow)) => {
                if let Some(table) = self.open.as_mut() {
                    table.in_head = matches!(row, Tag::TableHead);
                    table.column = 0;
                }
                Event::Start(row)
            }
            Event::Start(Tag::TableCell) => match self.aligned_cell() {
                Some(html) => Event::InlineHtml(html.into()),
                None => Event::Start(Tag::TableCell),
            },
            Event::End(TagEnd::Table) => {
                self.open = None;
                Event::End(TagEnd::Table)
            }
            other => other,
        };
        next.take(event, at, cx);
    }
}

impl Tables {
    /// The opening tag of the next cell, if its column is aligned.
    fn aligned_cell(&mut self) -> Option<String> {
        let table = self.open.as_mut()?;
        let alignment = table.alignments.get(table.column).copied();
        table.column += 1;
        let side = match alignment? {
            Alignment::None => return None,
            Alignment::Left => "left",
            Alignment::Center => "center",
            Alignment::Right => "right",
        };
        let tag = if table.in_head { "th" } else { "td" };
        Some(format!("<{tag} class=\"align-{side}\">"))
    }
}
