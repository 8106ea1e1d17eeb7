//! Conventions et accords-cadres. Pour l'instant : le calendrier dérivé (fin, préavis,
//! évaluation, reconduction, réunions du groupe de suivi), que l'échéancier et les fiches
//! de convention utiliseront. Le stockage et les écrans viennent avec le ticket Conventions.

pub mod calendrier;
