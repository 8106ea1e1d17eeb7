-- Import de l'Annuaire de l'éducation (fichier officiel fr-en-annuaire-education) : un type
-- « école » de plus, et les champs que le fichier porte (nature, public ou privé, adresse, code
-- postal, téléphone, courriel, SIRET, état ouvert ou fermé). Le CHECK du type change : la table
-- est reconstruite (clés étrangères suspendues par le moteur des migrations), ses lignes et ses
-- numéros gardés, si bien que les fiches qui citent un établissement le citent toujours.
CREATE TABLE etablissement_nouveau (
    id          INTEGER PRIMARY KEY,
    uai         TEXT NOT NULL UNIQUE,
    nom         TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('ecole', 'college', 'lp', 'lgt', 'lpo', 'erea', 'cfa', 'autre')),
    commune     TEXT NOT NULL DEFAULT '',
    academie_id INTEGER NOT NULL REFERENCES academie(id),
    bassin_id   INTEGER REFERENCES bassin(id),
    recherche   TEXT NOT NULL DEFAULT '',
    -- Libellé de la nature dans l'annuaire (« LYCEE POLYVALENT »), tel que le fichier l'écrit.
    nature      TEXT NOT NULL DEFAULT '',
    -- NULL : non renseigné (établissement saisi à la main).
    statut      TEXT CHECK (statut IN ('public', 'prive')),
    adresse     TEXT NOT NULL DEFAULT '',
    code_postal TEXT NOT NULL DEFAULT '',
    telephone   TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    siret       TEXT,
    etat        TEXT CHECK (etat IN ('ouvert', 'ferme'))
);
INSERT INTO etablissement_nouveau (id, uai, nom, type, commune, academie_id, bassin_id, recherche)
    SELECT id, uai, nom, type, commune, academie_id, bassin_id, recherche FROM etablissement;
DROP TABLE etablissement;
ALTER TABLE etablissement_nouveau RENAME TO etablissement;
CREATE INDEX etablissement_bassin ON etablissement(bassin_id);
CREATE INDEX etablissement_academie ON etablissement(academie_id);
