-- Local profile only: 1,000 demo restaurants with fictional UK numbers (Ofcom's drama range 07700 900xxx)
INSERT INTO restaurants (id, name, phone, status)
SELECT n, 'Demo Restaurant ' || n, '+447700900' || lpad((n % 1000)::text, 3, '0'), 'OPEN'
FROM generate_series(1, 1000) AS n;
