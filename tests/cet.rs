//! CET : registre contrôlé, états des mandats et campagne de renouvellement, imports (CSV dans
//! les deux encodages, classeur .xlsx) tout ou rien avec doublons signalés, export réimportable,
//! animations (invitations par secteur, présences, CET inactifs), retours aux organisations et
//! aux employeurs, bilan annuel, contrôlés jusqu'au texte des PDF.

mod common;

#[path = "cet/outils.rs"]
mod outils;

#[path = "cet/annulation.rs"]
mod annulation;
#[path = "cet/imports.rs"]
mod imports;
#[path = "cet/reseau.rs"]
mod reseau;
