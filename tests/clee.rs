//! CLEE : comités et membres par collège, réunions (présences, invités, actions reportées),
//! documents (compte rendu, convocation, émargement, invitation .ics relue), actions vers les
//! élèves et bilan annuel, contrôlés jusqu'au texte des PDF.

mod common;

#[path = "clee/outils.rs"]
mod outils;

#[path = "clee/bilan.rs"]
mod bilan;
#[path = "clee/comites.rs"]
mod comites;
#[path = "clee/documents.rs"]
mod documents;
#[path = "clee/nombres.rs"]
mod nombres;
