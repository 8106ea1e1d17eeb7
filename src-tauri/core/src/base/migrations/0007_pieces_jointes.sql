-- Pièces jointes d'une convention (PDF signé, annexes) : le fichier est copié dans le dossier
-- « pieces-jointes/ » à côté de la base ; la table garde son nom et son chemin relatif.
CREATE TABLE piece_jointe (
    id            INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    nom           TEXT NOT NULL,
    chemin        TEXT NOT NULL UNIQUE,     -- relatif au dossier de la base
    taille        INTEGER NOT NULL,
    ajoutee_le    TEXT NOT NULL
);
