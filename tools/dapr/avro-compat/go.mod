module github.com/iskorotkov/avro/v2

go 1.24
