namespace LocalPostgres;
