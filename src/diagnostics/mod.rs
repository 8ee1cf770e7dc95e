//! What goes wrong, told to the reader: a [`problem::Problem`] names the file, line and
//! column and gives a hint; [`report`] prints them, a mistake made in many places once;
//! [`error::Error`] is what a command fails with; [`yaml`] parses YAML so that its
//! mistakes are located like every other problem.

pub mod error;
pub mod problem;
pub mod report;
pub mod spans;
pub mod yaml;
